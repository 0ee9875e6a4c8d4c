package dev.parley.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** --jbang: a JBang script that pulls the same sources, resources and Maven coordinates together. */
final class JBang {
    private JBang() {}

    static String script(Template template) {
        StringBuilder script = new StringBuilder("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?\n")
                .append("// Written by Bootstrap.java for build ").append(template.buildHash())
                .append(": runs ").append(template.className("main_class")).append(" through JBang.\n")
                .append("//JAVA ").append(template.javaRelease()).append("+\n")
                // javac's default is the platform charset: US-ASCII under a C locale before Java 18
                .append("//COMPILE_OPTIONS -encoding UTF-8\n");
        template.libraries.forEach(library -> script.append("//DEPS ").append(library.coordinates()).append('\n'));
        for (PackedFile packed : template.files) {
            if ("java".equals(packed.kind())) {
                script.append("//SOURCES ").append(packed.path()).append('\n');
            } else if (("resource".equals(packed.kind()) || "migration".equals(packed.kind()))
                    && packed.resourceName() != null) {
                script.append("//FILES ").append(packed.resourceName()).append('=').append(packed.path())
                        .append('\n');
            }
        }
        return script.append("\npublic class ParleyMain {\n")
                .append("    public static void main(String[] args) throws Exception {\n")
                .append("        ").append(template.className("main_class")).append(".main(args);\n")
                .append("    }\n}\n").toString();
    }

    /** PARLEY_JBANG, else jbang on the PATH, else null. */
    static String command(Environment env) {
        if (env.variable("PARLEY_JBANG") != null) {
            return env.variable("PARLEY_JBANG");
        }
        String path = env.variable("PATH") != null ? env.variable("PATH") : "";
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String name : env.windows() ? List.of("jbang.cmd", "jbang.exe", "jbang") : List.of("jbang")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }
}
