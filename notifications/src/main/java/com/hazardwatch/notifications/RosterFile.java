package com.hazardwatch.notifications;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty roster file (setting {@code notify.roster}) and the roster read from it, re-read when the file changes.
 *
 * <p>{@link #refresh()} looks at the file's modification time, size and identity (a replaced file is a new one) and,
 * when they changed, reads it again: a roster that parses and names only towns and enterprises of the catalogue
 * replaces the current one at once (one volatile write, so readers see the old roster or the new one, never a mix);
 * otherwise the errors are logged and kept for {@link #problem()}, and the current roster stays. Stretches of the week
 * with nobody on duty are logged, not refused (as at the service's start). {@link #write} replaces the file atomically
 * and keeps the previous version as {@code <file>.bak}.
 */
public final class RosterFile {
    private static final Logger LOG = LoggerFactory.getLogger(RosterFile.class);

    /** What identifies one version of the file on disk. */
    private record Stamp(long modified, long size, Object key) {}

    private final Path file;
    private final Catalogue catalogue;
    private boolean fixed;
    private volatile Roster roster;
    private volatile RosterException problem;
    private Stamp stamp;

    public RosterFile(Path file, Catalogue catalogue) {
        this.file = Objects.requireNonNull(file);
        this.catalogue = Objects.requireNonNull(catalogue);
    }

    /** A holder of a roster that is not re-read from any file (the roster was built another way). */
    public static RosterFile fixed(Roster roster, Catalogue catalogue) {
        RosterFile f = new RosterFile(Path.of("(" + roster.name() + ")"), catalogue);
        f.roster = roster;
        f.fixed = true;
        return f;
    }

    public Path file() {
        return file;
    }

    /** The roster in use: the last version of the file that could be used; null while none could. */
    public Roster roster() {
        return roster;
    }

    /** Why the file as it is now on disk is not in use (null when it is). */
    public RosterException problem() {
        return problem;
    }

    /** Reads the file now; throws with every error when it cannot be used (the current roster then stays). */
    public synchronized Roster load() throws RosterException {
        Stamp now = stamp();
        stamp = now;
        try {
            Roster r = Roster.load(file);
            List<CatalogueError> errors = r.errors(catalogue);
            if (!errors.isEmpty()) {
                throw new RosterException(file + " (for catalogue " + catalogue.name() + ")", errors);
            }
            List<CatalogueError> gaps = r.gaps(catalogue);
            if (!gaps.isEmpty()) {
                LOG.warn("roster {}: nobody on duty for {} of the catalogue's scopes at some time; an alarm meeting a gap goes"
                        + " to the next level with somebody on duty:\n  {}", file, gaps.size(),
                        gaps.stream().limit(10).map(Object::toString).collect(Collectors.joining("\n  ")));
            }
            roster = r;
            problem = null;
            return r;
        } catch (RosterException e) {
            problem = e;
            throw e;
        }
    }

    /**
     * Reads the file again when it changed since it was last read; true when a new roster is now in use. A file that
     * cannot be used is logged with every error and the current roster is kept.
     */
    public synchronized boolean refresh() {
        if (fixed) {
            return false;
        }
        Stamp now = stamp();
        if (now.equals(stamp)) {
            return false;
        }
        try {
            Roster r = load();
            LOG.info("roster {} changed on disk: now in use ({}, {} people)", file, r.name(), r.people().size());
            return true;
        } catch (RosterException e) {
            LOG.error("roster {} changed on disk but cannot be used; the previous roster stays in use until it is fixed.\n{}",
                    file, e.getMessage());
            return false;
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        } catch (IOException e) {
            return new Stamp(-1, -1, null); // missing or unreadable: load() says why
        }
    }

    /** The file's text as it is on disk now (UTF-8). */
    public String text() throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * Replaces the file's content atomically: writes a temporary file next to it, forces it to disk, copies the current
     * file to {@code <file>.bak}, then moves the temporary file over the file. A reader sees the old file or the new one,
     * never a part; the file keeps its permissions. Returns the backup's path (null when there was no file before).
     */
    public static Path write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Path bak = null;
            if (Files.exists(target)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the default permissions
                }
                bak = target.resolveSibling(target.getFileName() + ".bak");
                Files.copy(target, bak, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            } else {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return bak;
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (NoSuchFileException ignored) {
                // moved
            }
        }
    }
}
