package org.mosaiccrm.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.mosaiccrm.platform.testing.Folders;

/**
 * The distribution of an earlier commit, built from this repository's history for the upgrade
 * test: {@code git archive} of the commit, then the same offline Maven build CI runs, without
 * tests. Built once into {@code target/upgrade-previous/<commit>} and reused while that stays.
 *
 * <p>The commit is the last one before Mosaic recorded its version (the database's
 * MOSAIC_INSTALLATION, module state in MOSAIC_MODULE_STATE, {@code data/cache.build}): the
 * hardest upgrade, from a data folder whose module state lived only in Karaf's bundle cache.
 */
final class PreviousBuild {

    static final String COMMIT = "1beca9fdac3428af41c36dff87dfb75d0f2d9018";

    private PreviousBuild() {
    }

    /** The unpacked distribution of {@link #COMMIT}; the test is skipped, saying why, where the history is not there. */
    static Path distribution() throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("user.dir"));
        Path out = module.resolve("target/upgrade-previous/" + COMMIT.substring(0, 12));
        Path home = out.resolve("assembly");
        if (Files.isExecutable(home.resolve("bin/mosaic"))) {
            return home;
        }
        Assumptions.assumeTrue(run(module, null, 60, "git", "cat-file", "-e", COMMIT + "^{commit}") == 0,
                "The upgrade test builds the earlier commit " + COMMIT + " from git history, which this checkout does not have"
                        + " (a shallow clone, or no .git): fetch the full history to run it.");
        Path source = out.resolve("source");
        Folders.deleteTree(out);
        Files.createDirectories(source);
        Path log = out.resolve("build.log");
        Path archive = out.resolve("source.tar");
        // From the repository's root: run in a subfolder, git archive would take only that subfolder.
        check(run(module.getParent(), log, 120, "git", "archive", "--format=tar", "--output=" + archive, COMMIT), "git archive " + COMMIT);
        check(run(source, log, 120, "tar", "-xf", archive.toString()), "unpacking the archive of " + COMMIT);
        check(run(source, log, 30 * 60, maven(), "-B", "-o", "-q", "package", "-DskipTests", "-pl", "distribution", "-am"),
                "the offline build of " + COMMIT + " (see " + log + ")");
        Files.move(source.resolve("distribution/target/assembly"), home);
        Folders.deleteTree(source);
        Files.delete(archive);
        return home;
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException(what + " failed with status " + status);
        }
    }

    private static int run(Path dir, Path log, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        return p.exitValue();
    }
}
