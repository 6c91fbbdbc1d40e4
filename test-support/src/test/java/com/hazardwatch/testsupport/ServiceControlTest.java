package com.hazardwatch.testsupport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServiceControlTest {
    @Test
    void onlyTheLaunchersLocalServicesCanBeStoppedAndTheRefusalSaysWhatToDo() {
        Services containers = new Services("Testcontainers", "tcp://h:1", "h:2", "http://h:3");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServiceControl.of(containers));
        assertTrue(e.getMessage().contains("not Testcontainers") && e.getMessage().contains("HW_TEST_SERVICES=local"), e.getMessage());
        assertTrue(new Services(Services.LOCAL, "tcp://h:1", "h:2", "http://h:3").local());
    }
}
