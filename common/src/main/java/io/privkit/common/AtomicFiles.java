package io.privkit.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes that are all or nothing: a reader, or a process that crashes mid-write, sees either the
 * old content or the complete new content, never a half-written file.
 *
 * <p>Method: write to a temporary sibling in the same directory, {@code fsync} it, then
 * {@link StandardCopyOption#ATOMIC_MOVE rename} it over the target (POSIX {@code rename(2)} is
 * atomic within a file system) and {@code fsync} the directory so the rename itself is durable.
 * On a failure the temporary file is removed and the target is untouched.
 *
 * <p>{@link #replaceDirectory} applies the same idea to a folder (an evidence bundle): it is
 * filled under a temporary sibling name and renamed into place. Replacing an existing folder takes
 * two renames, so a crash between them leaves the old folder under a {@code .old-} sibling name
 * and no folder at the target; it never leaves a mixed folder.
 *
 * <p>Stateless and thread-safe; concurrent writers to the same target are serialised by the file
 * system, last rename wins.
 */
public final class AtomicFiles {

    /** Writes the content of a file or folder; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T target) throws IOException;
    }

    private static final SecureRandom NAMES = new SecureRandom();

    private AtomicFiles() {
    }

    /** Atomically replaces {@code target} with {@code content}. */
    public static void write(Path target, byte[] content) throws IOException {
        Checks.requireNonNull(content, "content");
        writeStream(target, out -> out.write(content));
    }

    /** Atomically replaces {@code target} with what {@code writer} writes to the stream. */
    public static void writeStream(Path target, Writer<OutputStream> writer) throws IOException {
        Checks.requireNonNull(target, "target");
        Checks.requireNonNull(writer, "writer");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + abs.getFileName() + ".tmp-" + suffix());
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            move(tmp, abs);
            fsyncDirectory(dir);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Fills a new folder with {@code writer} and renames it to {@code target}, replacing a folder
     * already there. If {@code writer} fails, nothing at {@code target} changes.
     */
    public static void replaceDirectory(Path target, Writer<Path> writer) throws IOException {
        Checks.requireNonNull(target, "target");
        Checks.requireNonNull(writer, "writer");
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        String name = abs.getFileName().toString();
        Path tmp = parent.resolve("." + name + ".tmp-" + suffix());
        Files.createDirectory(tmp);
        boolean moved = false;
        try {
            writer.write(tmp);
            fsyncTree(tmp);
            if (Files.exists(abs)) {
                Path old = parent.resolve("." + name + ".old-" + suffix());
                move(abs, old);
                move(tmp, abs);
                moved = true;
                deleteRecursively(old);
            } else {
                move(tmp, abs);
                moved = true;
            }
            fsyncDirectory(parent);
        } finally {
            if (!moved) {
                deleteRecursively(tmp);
            }
        }
    }

    /** Deletes a file or a folder and everything in it; does nothing if it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException e) {
                    throw new IOException("Could not delete " + dir + ": it is not empty", e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The file system under " + to.getParent()
                    + " cannot rename atomically; write to a local folder instead", e);
        }
    }

    private static void fsyncTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                } else if (Files.isDirectory(p)) {
                    fsyncDirectory(p);
                }
            }
        }
    }

    /** Best effort: some platforms cannot open a directory for syncing. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (e.g. Windows); the rename is still atomic, only its durability
            // across a power loss is weaker.
        }
    }

    private static String suffix() {
        byte[] b = new byte[6];
        NAMES.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
