package com.hazardwatch.cli;

import com.hazardwatch.console.ConsoleServer;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.notifications.NotificationService;
import com.hazardwatch.notifications.RosterFile;
import java.nio.file.Path;

/**
 * What run and demo start next to the bridge and the job: the web console and the notification service. Each that
 * cannot start says why on stderr and the pipeline runs on without it (alarms are still on hw.alarms and stored);
 * closing stops both.
 */
final class Companions implements AutoCloseable {
    private final ConsoleServer console;
    private final NotificationService notifier;

    private Companions(ConsoleServer console, NotificationService notifier) {
        this.console = console;
        this.notifier = notifier;
    }

    static Companions start(Settings s, Catalogue catalogue) {
        return new Companions(ConsoleCommand.startAlongside(s, catalogue), startNotifier(s, catalogue));
    }

    private static NotificationService startNotifier(Settings s, Catalogue catalogue) {
        String file = s.get(HwOptions.NOTIFY_ROSTER);
        NotificationService n = null;
        try {
            RosterFile roster = new RosterFile(Path.of(file), catalogue);
            roster.load(); // then the service re-reads the file when it changes (docs/notifications.md)
            n = new NotificationService(s, catalogue, roster);
            n.start();
            System.out.println("notifications: duty roster " + file + ", channels " + s.get(HwOptions.NOTIFY_CHANNELS)
                    + ", log on " + s.get(HwOptions.TOPIC_NOTIFICATIONS));
            return n;
        } catch (Exception e) {
            if (n != null) {
                n.close();
            }
            System.err.println("notifications: not started: " + e.getMessage());
            return null;
        }
    }

    /** The console's address, or null when it did not start. */
    String consoleUrl(Settings s) {
        return console == null ? null : ConsoleCommand.url(s, console.port());
    }

    @Override
    public void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (console != null) {
            console.close();
        }
    }
}
