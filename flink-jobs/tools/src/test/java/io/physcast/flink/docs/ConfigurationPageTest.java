package io.physcast.flink.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md against the commands' own declarations (the same ones {@code --help}
 * prints): every option of every command is on the page with its default and meaning, and the page
 * names no option a command does not have. On a mismatch the page as it should read is written to
 * target/configuration.md.
 */
class ConfigurationPageTest {
    private static final Path PAGE = Path.of("../../docs/configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z0-9.-]+)[^`]*` \\|");

    @Test
    void everyOptionIsDocumentedAndTheDocumentedOnesExist() throws IOException {
        String page = Files.readString(PAGE);
        Map<String, String> sections = sections(page);
        List<String> problems = new ArrayList<>();
        for (CommandSpec spec : Commands.all()) {
            String block = ConfigurationPage.section(spec);
            if (!page.contains(block)) {
                problems.add("the section of '" + spec.name() + "' differs from its options");
            }
            Set<String> declared = new TreeSet<>();
            spec.options().forEach(o -> declared.add(o.longestName()));
            Set<String> named = documented(sections.getOrDefault(spec.name(), ""));
            named.removeAll(declared);
            if (!named.isEmpty()) {
                problems.add("'" + spec.name() + "' has no options " + named + " the page names");
            }
        }
        Set<String> known = new TreeSet<>();
        Commands.all().forEach(s -> known.add(s.name()));
        Set<String> extra = new TreeSet<>(sections.keySet());
        extra.removeAll(known);
        if (!extra.isEmpty()) {
            problems.add("the page documents commands that do not exist: " + extra);
        }
        if (problems.isEmpty() && !ConfigurationPage.render(page, Commands.all()).equals(page)) {
            problems.add("the page is not as it renders (spacing)");
        }
        if (!problems.isEmpty()) {
            Path expected = Path.of("target", "configuration.md");
            Files.writeString(expected, ConfigurationPage.render(page, Commands.all()));
            throw new AssertionError(
                    String.join("; ", problems)
                            + ". The page as the commands declare it: "
                            + expected.toAbsolutePath());
        }
    }

    @Test
    void everyOptionSaysWhatItMeans() {
        for (CommandSpec spec : Commands.all()) {
            for (OptionSpec o : spec.options()) {
                String d = String.join(" ", o.description()).trim();
                assertFalse(d.isEmpty(), spec.name() + " " + o.longestName() + " has no meaning");
                assertTrue(d.endsWith(".") || d.endsWith(")"), spec.name() + " " + o.longestName());
            }
        }
    }

    /** The page's sections by command name ({@code ## `name`}). */
    private static Map<String, String> sections(String page) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^## `([^`]+)`$").matcher(page);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            names.add(m.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < names.size() ? starts.get(i + 1) : page.length();
            out.put(names.get(i), page.substring(starts.get(i), end));
        }
        return out;
    }

    private static Set<String> documented(String section) {
        Set<String> out = new TreeSet<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
