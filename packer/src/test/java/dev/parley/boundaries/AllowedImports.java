package dev.parley.boundaries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which module may import which, read from the table under {@value #HEADING} in the README, so the rule
 * the test enforces and the rule a reader sees are one text.
 *
 * <p>A row is {@code | `module` | what it is | `a`, `b` |}; a dash in the last cell means "nothing of ours".
 */
final class AllowedImports {
    static final String HEADING = "### Modules and what each may import";

    private final Map<String, Set<String>> allowed;

    private AllowedImports(Map<String, Set<String>> allowed) {
        this.allowed = allowed;
    }

    /** The table of {@code readme}; fails when the heading or the table is missing. */
    static AllowedImports fromReadme(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int heading = lines.indexOf(HEADING);
        if (heading < 0) {
            throw new IllegalStateException(readme + " has no '" + HEADING + "' section");
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            String module = unquote(cells[1]);
            if (module.equals("module") || module.startsWith("---")) {
                continue; // the header row and its rule
            }
            allowed.put(module, Arrays.stream(cells[cells.length - 1].split(","))
                    .map(AllowedImports::unquote)
                    .filter(name -> !name.isEmpty() && !name.equals("—"))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        if (allowed.isEmpty()) {
            throw new IllegalStateException("the '" + HEADING + "' section of " + readme + " has no table");
        }
        return new AllowedImports(allowed);
    }

    /** Every module the table names. */
    Set<String> modules() {
        return allowed.keySet();
    }

    /** True when {@code from} may use {@code to}; a module may always use itself. */
    boolean allows(String from, String to) {
        return from.equals(to) || allowed.getOrDefault(from, Set.of()).contains(to);
    }

    /** What {@code from} may use, for failure messages. */
    Set<String> allowedFor(String from) {
        return allowed.getOrDefault(from, Set.of());
    }

    private static String unquote(String cell) {
        return cell.strip().replace("`", "");
    }
}
