/*
 * Build helper for the installers, run by `mvn -Pdist package` with the JDK's source launcher
 * (JDK 25, no dependencies, same on Linux, macOS and Windows):
 *
 *   java packaging/jpackage/Dist.java stage  --platform=P --version=V --main-jar=JAR --lib=DIR --out=DIR
 *   java packaging/jpackage/Dist.java finish --out=DIR
 *
 * stage  - empties OUT, then builds OUT/input (the jpackage --input folder): the main jar plus
 *          lib/ with every runtime jar, where the jars that carry native libraries for every OS
 *          (ONNX Runtime, HF tokenizers, PyTorch JNI, sqlite-jdbc, JNA, gRPC's Netty) are
 *          rewritten as copies holding only platform P's natives (and no macOS .dSYM / Windows
 *          .pdb debug files). The originals in target/lib and ~/.m2 are never touched.
 *          On macOS with MACOS_SIGNING_IDENTITY set, every .dylib/.jnilib inside the jars is
 *          code-signed too (notarization rejects unsigned Mach-O files, even inside jars).
 *          Writes OUT/app-image.args and OUT/package.args: the generated jpackage options
 *          (--app-version, and the signing options when signing is configured).
 * finish - macOS with notarization credentials: signs, notarizes and staples the .dmg.
 *          Everywhere: lists the installers with their sizes.
 *
 * P is DJL's platform name (linux-x86_64, linux-aarch64, osx-aarch64, win-x86_64), the pom's
 * ${djl.native.classifier}.
 */

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * One jar with per-platform natives.
 *
 * @param jar   matches the jar's file name
 * @param scope entries that belong to one platform (native files and their folders)
 * @param keep  per platform: the in-scope entries to keep
 */
record Rule(Pattern jar, Pattern scope, Map<String, Pattern> keep) {
    static Rule of(String jar, String scope, String... platformAndKeep) {
        Map<String, Pattern> keep = new HashMap<>();
        for (int i = 0; i < platformAndKeep.length; i += 2) {
            keep.put(platformAndKeep[i], Pattern.compile(platformAndKeep[i + 1]));
        }
        return new Rule(Pattern.compile(jar), Pattern.compile(scope), keep);
    }
}

void main(String[] args) throws Exception {
    if (args.length == 0) {
        throw new IllegalArgumentException("usage: Dist.java stage|finish --option=value ...");
    }
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
        String[] kv = args[i].replaceFirst("^--", "").split("=", 2);
        opts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    switch (args[0]) {
        case "stage" -> stage(opts);
        case "finish" -> finish(opts);
        default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
}

// The jars to slim down, with each platform's folder (or file name) inside them. A new
// platform needs a line per rule; a jar whose layout changed fails the build (see check below).
final List<Rule> rules = List.of(
        Rule.of("onnxruntime-\\d.*\\.jar", "^ai/onnxruntime/native/[^/]+/",
                "linux-x86_64", "^ai/onnxruntime/native/linux-x64/",
                "linux-aarch64", "^ai/onnxruntime/native/linux-aarch64/",
                "osx-aarch64", "^ai/onnxruntime/native/osx-aarch64/",
                "win-x86_64", "^ai/onnxruntime/native/win-x64/"),
        Rule.of("tokenizers-\\d.*\\.jar", "^native/lib/[^/]+/",
                "linux-x86_64", "^native/lib/linux-x86_64/",
                "linux-aarch64", "^native/lib/linux-aarch64/",
                "osx-aarch64", "^native/lib/osx-aarch64/",
                "win-x86_64", "^native/lib/win-x86_64/"),
        // PyTorch's JNI glue (small): libtorch itself is downloaded on demand by DJL.
        Rule.of("pytorch-jni-\\d.*\\.jar", "^jnilib/[^/]+/",
                "linux-x86_64", "^jnilib/linux-x86_64/",
                "linux-aarch64", "^jnilib/linux-aarch64/",
                "osx-aarch64", "^jnilib/osx-aarch64/",
                "win-x86_64", "^jnilib/win-x86_64/"),
        // glibc builds only (no musl, Android, BSD, 32-bit)
        Rule.of("sqlite-jdbc-\\d.*\\.jar", "^org/sqlite/native/[^/]+/",
                "linux-x86_64", "^org/sqlite/native/Linux/x86_64/",
                "linux-aarch64", "^org/sqlite/native/Linux/aarch64/",
                "osx-aarch64", "^org/sqlite/native/Mac/aarch64/",
                "win-x86_64", "^org/sqlite/native/Windows/x86_64/"),
        // JNA's natives sit in com/sun/jna/<os>-<arch>/; package folders never contain a '-'
        Rule.of("jna-\\d.*\\.jar", "^com/sun/jna/[^/]+-[^/]+/",
                "linux-x86_64", "^com/sun/jna/linux-x86-64/",
                "linux-aarch64", "^com/sun/jna/linux-aarch64/",
                "osx-aarch64", "^com/sun/jna/darwin-aarch64/",
                "win-x86_64", "^com/sun/jna/win32-x86-64/"),
        // BoringSSL (tcnative) and epoll, one file per platform
        Rule.of("grpc-netty-shaded-\\d.*\\.jar", "^META-INF/native/[^/]+\\.(so|jnilib|dll)$",
                "linux-x86_64", "_linux_x86_64\\.so$",
                "linux-aarch64", "_linux_aarch_64\\.so$",
                "osx-aarch64", "_osx_aarch_64\\.jnilib$",
                "win-x86_64", "_windows_x86_64\\.dll$"));

// Debug symbols never ship: macOS .dSYM bundles and Windows .pdb files.
final Pattern debugFiles = Pattern.compile("\\.dSYM/|\\.pdb$");
final Pattern machO = Pattern.compile("\\.(dylib|jnilib)$");

void stage(Map<String, String> o) throws Exception {
    String platform = required(o, "platform");
    Path mainJar = Path.of(required(o, "main-jar"));
    Path lib = Path.of(required(o, "lib"));
    Path out = Path.of(required(o, "out"));
    if (rules.stream().noneMatch(r -> r.keep().containsKey(platform))) {
        throw new IllegalArgumentException("no installer for platform '" + platform
                + "' (supported: linux-x86_64, linux-aarch64, osx-aarch64, win-x86_64)");
    }
    String signIdentity = platform.startsWith("osx-") ? env("MACOS_SIGNING_IDENTITY") : null;

    deleteTree(out);
    Path input = out.resolve("input");
    Files.createDirectories(input.resolve("lib"));
    Files.copy(mainJar, input.resolve(mainJar.getFileName()));

    long before = 0;
    long after = 0;
    List<Path> jars;
    try (Stream<Path> s = Files.list(lib)) {
        jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    for (Path jar : jars) {
        Path target = input.resolve("lib").resolve(jar.getFileName());
        String name = jar.getFileName().toString();
        Rule rule = rules.stream().filter(r -> r.jar().matcher(name).matches()).findFirst().orElse(null);
        boolean sign = signIdentity != null && hasEntry(jar, machO);
        if (rule == null && !sign) {
            Files.copy(jar, target);
            continue;
        }
        int kept = rewrite(jar, target, rule, platform, sign ? signIdentity : null);
        if (rule != null && kept == 0) {
            // The jar changed its layout: fail rather than ship an app without its natives.
            throw new IllegalStateException(name + ": no native library for " + platform
                    + " matched " + rule.keep().get(platform) + "; update the rule in Dist.java");
        }
        before += Files.size(jar);
        after += Files.size(target);
        System.out.printf("[dist] %-45s %7.1f MB -> %6.1f MB (%d %s natives kept%s)%n", name, mb(Files.size(jar)),
                mb(Files.size(target)), kept, platform, sign ? ", signed" : "");
    }
    for (Rule r : rules) {
        if (jars.stream().noneMatch(j -> r.jar().matcher(j.getFileName().toString()).matches())) {
            System.out.println("[dist] warning: no jar matches " + r.jar() + " (rule unused)");
        }
    }
    System.out.printf("[dist] rewritten jars: %.1f MB -> %.1f MB%n", mb(before), mb(after));

    writeGeneratedArgs(out, platform, required(o, "version"), signIdentity);
}

/** Copies {@code jar} to {@code target} without other platforms' natives; returns the natives kept. */
int rewrite(Path jar, Path target, Rule rule, String platform, String signIdentity) throws IOException {
    Pattern keep = rule == null ? null : rule.keep().get(platform);
    try (ZipFile zip = new ZipFile(jar.toFile());
         ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(target))) {
        List<? extends ZipEntry> entries = zip.stream().toList();
        for (ZipEntry e : entries) {
            if (e.isDirectory() || !isSignature(e.getName())) {
                continue;
            }
            // Rewriting a signed jar would break its signature (none of the rule jars is signed).
            throw new IllegalStateException(jar.getFileName() + " is signed; cannot strip it");
        }
        // Files kept from the platform-specific part, so that their folders are kept too.
        List<String> keptFiles = new ArrayList<>();
        for (ZipEntry e : entries) {
            String n = e.getName();
            if (!e.isDirectory() && rule != null && rule.scope().matcher(n).find() && keep.matcher(n).find()
                    && !debugFiles.matcher(n).find()) {
                keptFiles.add(n);
            }
        }
        for (ZipEntry e : entries) {
            String n = e.getName();
            if (debugFiles.matcher(n).find()) {
                continue;
            }
            if (rule != null && rule.scope().matcher(n).find()) {
                boolean wanted = e.isDirectory() ? keptFiles.stream().anyMatch(f -> f.startsWith(n))
                        : keptFiles.contains(n);
                if (!wanted) {
                    continue;
                }
            }
            byte[] data;
            try (InputStream in = zip.getInputStream(e)) {
                data = in.readAllBytes();
            }
            boolean signed = false;
            if (signIdentity != null && !e.isDirectory() && machO.matcher(n).find()) {
                data = codesign(data, n, signIdentity);
                signed = true;
            }
            ZipEntry copy = new ZipEntry(n);
            copy.setTime(e.getTime());
            copy.setComment(e.getComment());
            if (e.getMethod() == ZipEntry.STORED && !signed) {
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(e.getSize());
                copy.setCompressedSize(e.getSize());
                copy.setCrc(e.getCrc());
            }
            zos.putNextEntry(copy);
            zos.write(data);
            zos.closeEntry();
        }
        return keptFiles.size();
    }
}

/** macOS only: signs one Mach-O file with the hardened runtime and a secure timestamp. */
byte[] codesign(byte[] data, String name, String identity) throws IOException {
    Path tmp = Files.createTempFile("dist-", "-" + Path.of(name).getFileName());
    try {
        Files.write(tmp, data);
        List<String> cmd = new ArrayList<>(List.of("codesign", "--force", "--timestamp", "--options", "runtime",
                "--sign", identity));
        String keychain = env("MACOS_SIGNING_KEYCHAIN");
        if (keychain != null) {
            cmd.addAll(List.of("--keychain", keychain));
        }
        cmd.add(tmp.toString());
        run(cmd);
        return Files.readAllBytes(tmp);
    } finally {
        Files.deleteIfExists(tmp);
    }
}

/**
 * Writes the jpackage options that depend on the build: the version (digits and dots only;
 * macOS needs its first number above zero, so a 0.y.z version is packaged there as 1.y.z and a
 * warning says so) and the macOS signing options when MACOS_SIGNING_IDENTITY is set.
 */
void writeGeneratedArgs(Path out, String platform, String projectVersion, String signIdentity) throws IOException {
    var m = Pattern.compile("^\\d+(\\.\\d+){0,2}").matcher(projectVersion);
    if (!m.find()) {
        throw new IllegalArgumentException("version " + projectVersion + " does not start with a number");
    }
    String version = m.group();
    if (platform.startsWith("osx-") && version.matches("0(\\..*)?")) {
        String mac = version.replaceFirst("^0", "1");
        System.out.println("[dist] warning: macOS bundle versions must start above 0: packaging " + version
                + " as " + mac);
        version = mac;
    }
    List<String> app = new ArrayList<>(List.of("--app-version", version));
    List<String> pkg = new ArrayList<>(List.of("--app-version", version));
    if (signIdentity != null) {
        app.addAll(List.of("--mac-sign", "--mac-app-image-sign-identity", signIdentity));
        String keychain = env("MACOS_SIGNING_KEYCHAIN");
        if (keychain != null) {
            app.addAll(List.of("--mac-signing-keychain", keychain));
        }
        System.out.println("[dist] macOS signing with identity " + signIdentity);
    } else if (platform.startsWith("osx-")) {
        System.out.println("[dist] MACOS_SIGNING_IDENTITY not set: the app will not be signed");
    }
    Files.writeString(out.resolve("app-image.args"), argFile(app));
    Files.writeString(out.resolve("package.args"), argFile(pkg));
}

/** A jpackage @argfile: one quoted option per line. */
String argFile(List<String> args) {
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
        sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    return sb.toString();
}

void finish(Map<String, String> o) throws Exception {
    Path installers = Path.of(required(o, "out")).resolve("installer");
    List<Path> files;
    try (Stream<Path> s = Files.list(installers)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
    }
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    for (Path f : files) {
        if (os.contains("mac") && f.toString().endsWith(".dmg")) {
            notarize(f);
        }
    }
    for (Path f : files) {
        System.out.printf("[dist] installer: %s (%.1f MB)%n", f, mb(Files.size(f)));
    }
}

/**
 * Signs, notarizes and staples a .dmg when MACOS_SIGNING_IDENTITY and the notary credentials
 * (APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD: an app-specific password) are all set.
 */
void notarize(Path dmg) throws IOException {
    String identity = env("MACOS_SIGNING_IDENTITY");
    String appleId = env("APPLE_ID");
    String team = env("APPLE_TEAM_ID");
    String password = env("APPLE_APP_PASSWORD");
    if (identity == null || appleId == null || team == null || password == null) {
        System.out.println("[dist] notarization skipped (needs MACOS_SIGNING_IDENTITY, APPLE_ID, APPLE_TEAM_ID, "
                + "APPLE_APP_PASSWORD)");
        return;
    }
    List<String> sign = new ArrayList<>(List.of("codesign", "--force", "--timestamp", "--sign", identity));
    String keychain = env("MACOS_SIGNING_KEYCHAIN");
    if (keychain != null) {
        sign.addAll(List.of("--keychain", keychain));
    }
    sign.add(dmg.toString());
    run(sign);
    run(List.of("xcrun", "notarytool", "submit", dmg.toString(), "--apple-id", appleId, "--team-id", team,
            "--password", password, "--wait"));
    run(List.of("xcrun", "stapler", "staple", dmg.toString()));
    run(List.of("xcrun", "stapler", "validate", dmg.toString()));
}

void run(List<String> cmd) throws IOException {
    try {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(cmd.getFirst() + " " + cmd.get(1) + " failed with exit code " + rc);
        }
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
    }
}

boolean hasEntry(Path jar, Pattern name) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
        return zip.stream().anyMatch(e -> !e.isDirectory() && name.matcher(e.getName()).find()
                && !debugFiles.matcher(e.getName()).find());
    }
}

boolean isSignature(String name) {
    return name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
}

void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
        return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

String required(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null || v.isBlank() || v.startsWith("${")) {
        throw new IllegalArgumentException("--" + key + " is required (got " + v + ")");
    }
    return v;
}

String env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v;
}

double mb(long bytes) {
    return bytes / 1_000_000.0;
}
