package dev.plumb.engine.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the {@code .tf} file and line of each resource address of a plan: a light scan for
 * {@code resource "TYPE" "NAME" {} lines in the root module's directory and in the directories of
 * its modules (local module sources of the plan's configuration, and
 * {@code .terraform/modules/modules.json} for installed ones). No HCL parsing is needed for that.
 */
final class TerraformSources {

    private static final Pattern RESOURCE = Pattern.compile("^\\s*resource\\s+\"([^\"]+)\"\\s+\"([^\"]+)\"");
    private static final Pattern MODULE_SEGMENT = Pattern.compile("module\\.([^.\\[]+)(\\[[^\\]]*\\])?\\.");

    private final Path root;
    private final Path sourceRoot;
    private final Map<String, Path> moduleDirs = new HashMap<>();
    private final Map<Path, Map<String, Location>> scanned = new HashMap<>();

    private TerraformSources(Path root, Path sourceRoot) {
        this.root = root;
        this.sourceRoot = sourceRoot;
    }

    /**
     * The sources under {@code dir}. With {@code required}, a directory without {@code .tf} files is
     * an error; else such a directory maps nothing (null is returned).
     */
    static TerraformSources of(Path dir, boolean required, Path sourceRoot, JsonNode configuration, ObjectMapper json) {
        Path root = dir.toAbsolutePath().normalize();
        if (tfFiles(root).isEmpty()) {
            if (required) {
                throw new IacException("--terraform-dir " + dir + (Files.isDirectory(root) ? " holds no .tf files"
                        : " is not a directory") + ": give the directory of the root module the plan was made from.");
            }
            return null;
        }
        TerraformSources sources = new TerraformSources(root, sourceRoot.toAbsolutePath().normalize());
        sources.moduleDirs.put("", root);
        sources.readModulesJson(json);
        sources.readModuleCalls("", root, configuration.path("root_module"));
        return sources;
    }

    private void readModulesJson(ObjectMapper json) {
        Path manifest = root.resolve(".terraform/modules/modules.json");
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        try {
            for (JsonNode module : json.readTree(manifest.toFile()).path("Modules")) {
                String key = module.path("Key").asText("");
                String dir = module.path("Dir").asText("");
                if (!key.isEmpty() && !dir.isEmpty()) {
                    moduleDirs.put(key, root.resolve(dir).normalize());
                }
            }
        } catch (IOException e) {
            // an unreadable manifest only costs locations; the local sources of the plan still map
        }
    }

    private void readModuleCalls(String prefix, Path dir, JsonNode module) {
        for (Iterator<Map.Entry<String, JsonNode>> calls = module.path("module_calls").fields(); calls.hasNext(); ) {
            Map.Entry<String, JsonNode> call = calls.next();
            String key = prefix.isEmpty() ? call.getKey() : prefix + "." + call.getKey();
            String source = call.getValue().path("source").asText("");
            Path child = moduleDirs.get(key);
            if (child == null && (source.startsWith("./") || source.startsWith("../"))) {
                child = dir.resolve(source).normalize();
                moduleDirs.put(key, child);
            }
            if (child != null) {
                readModuleCalls(key, child, call.getValue().path("module"));
            }
        }
    }

    /** The root module's first {@code .tf} file, line 1. */
    Location rootFile() {
        return relative(tfFiles(root).get(0), 1);
    }

    /** Where the resource of this address ({@code module.a["x"].aws_iam_role.r[0]}) is declared, or null. */
    Location locate(String address) {
        StringBuilder key = new StringBuilder();
        Matcher segment = MODULE_SEGMENT.matcher(address);
        int at = 0;
        while (segment.find(at) && segment.start() == at) {
            key.append(key.length() == 0 ? "" : ".").append(segment.group(1));
            at = segment.end();
        }
        String resource = address.substring(at).replaceFirst("\\[.*\\]$", "");
        Path dir = moduleDirs.get(key.toString());
        if (dir == null || resource.startsWith("data.")) {
            return null;
        }
        return scanned.computeIfAbsent(dir, this::scan).get(resource);
    }

    private Map<String, Location> scan(Path dir) {
        Map<String, Location> found = new HashMap<>();
        for (Path file : tfFiles(dir)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                Matcher resource = RESOURCE.matcher(lines.get(i));
                if (resource.find()) {
                    found.putIfAbsent(resource.group(1) + "." + resource.group(2), relative(file, i + 1));
                }
            }
        }
        return found;
    }

    private Location relative(Path file, int line) {
        Path relative = sourceRoot.relativize(file.toAbsolutePath().normalize());
        String path = relative.toString().replace('\\', '/');
        if (path.startsWith("..") || path.contains(":")) {
            return null;
        }
        return new Location(path, line);
    }

    private static List<Path> tfFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tf") && Files.isRegularFile(f)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
