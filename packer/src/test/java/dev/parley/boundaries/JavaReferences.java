package dev.parley.boundaries;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Parley modules one Java source refers to in code: its imports (static ones too) and fully-qualified names,
 * {@code dev.parley.<module>.…}. Comments and string, character and text-block literals are blanked out first, so
 * a class name in a Javadoc or in a string (loaded by reflection, written as metadata) is not a reference.
 */
final class JavaReferences {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern OURS = Pattern.compile("\\bdev\\s*\\.\\s*parley\\s*\\.\\s*(\\w+)");

    private final String packageName;
    private final Set<String> modules;

    private JavaReferences(String packageName, Set<String> modules) {
        this.packageName = packageName;
        this.modules = modules;
    }

    /** Reads one source file's text. */
    static JavaReferences of(String source) {
        String code = codeOnly(source);
        Matcher declaration = PACKAGE.matcher(code);
        boolean declared = declaration.find();
        String packageName = declared ? declaration.group(1) : "";
        Set<String> modules = new TreeSet<>();
        Matcher use = OURS.matcher(code).region(declared ? declaration.end() : 0, code.length());
        while (use.find()) {
            modules.add(use.group(1));
        }
        return new JavaReferences(packageName, modules);
    }

    /** The declared package, or {@code ""} for the unnamed package. */
    String packageName() {
        return packageName;
    }

    /** The {@code <module>} of every {@code dev.parley.<module>} the code names after its package declaration. */
    Set<String> modules() {
        return modules;
    }

    /** The source with comments and literals replaced by spaces (line breaks kept). */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            int end;
            if (source.startsWith("//", i)) {
                end = indexOrEnd(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                end = indexOrEnd(source, "*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = literalEnd(source, "\"\"\"", i + 3);
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                end = literalEnd(source, String.valueOf(source.charAt(i)), i + 1);
            } else {
                code.append(source.charAt(i++));
                continue;
            }
            end = Math.min(end, n);
            for (int k = i; k < end; k++) {
                code.append(source.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return code.toString();
    }

    /** Just past the closing {@code quote} of a literal whose body starts at {@code from}; escapes skipped. */
    private static int literalEnd(String source, String quote, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static int indexOrEnd(String source, String text, int from) {
        int index = source.indexOf(text, from);
        return index < 0 ? source.length() : index;
    }
}
