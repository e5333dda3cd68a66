package io.privkit.federated.transport;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The client identities allowed into a federation: the roster clients are sampled from. A client
 * whose certificate is valid (signed by the federation's CA) but whose identity is not listed is
 * refused with {@code PERMISSION_DENIED}; sampling is over this list, never over whoever happens to
 * connect, so a Sybil cannot dilute the sample.
 *
 * <p>File form ({@link #load}): one identity per line; blank lines and {@code #} comments ignored.
 * Identities are 1 to 64 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit (they
 * name files and certificate subjects). Immutable and thread-safe.
 *
 * @param ids the identities, sorted
 */
public record AllowList(SortedSet<String> ids) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AllowList {
        Checks.requireNonEmpty(ids, "allow-list");
        for (String id : ids) {
            requireValidId(id, "allow-list entry");
        }
        ids = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(ids));
    }

    /** An allow-list of the given identities. */
    public static AllowList of(Collection<String> ids) {
        Checks.requireNonNull(ids, "ids");
        return new AllowList(new TreeSet<>(ids));
    }

    /** An allow-list of the given identities. */
    public static AllowList of(String... ids) {
        return of(List.of(ids));
    }

    /** Reads an allow-list file. */
    public static AllowList load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        TreeSet<String> ids = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                throw new DataFormatException(file, i + 1, null, "client identity must be 1 to 64 characters of "
                        + "letters, digits, '.', '_' or '-', starting with a letter or digit; got '" + id + "'. Fix the line.");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new DataFormatException(file, 1, null, "the allow-list must name at least one client; got none. "
                    + "List one client identity per line.");
        }
        return new AllowList(ids);
    }

    /** Writes the list, one identity per line, atomically. */
    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# Client identities allowed into the federation (certificate common names).\n");
        ids.forEach(id -> sb.append(id).append('\n'));
        io.privkit.common.AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code id} is allowed. */
    public boolean allows(String id) {
        return id != null && ids.contains(id);
    }

    /** The number of identities. */
    public int size() {
        return ids.size();
    }

    /** Validates a client identity's form. */
    public static String requireValidId(String id, String name) {
        Checks.requireNonNull(id, name);
        if (!ID.matcher(id).matches()) {
            throw Checks.argument(name).mustBe("1 to 64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit")
                    .got(id).fix("Use a short site name such as 'hospital-a'.").exception();
        }
        return id;
    }
}
