package com.hazardwatch.simulators;

/** A run that could not start or went wrong, e.g. the broker refused the connection. */
public class SimulatorException extends Exception {
    private static final long serialVersionUID = 1L;

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
