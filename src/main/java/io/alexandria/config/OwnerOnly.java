package io.alexandria.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the data folder and what holds note text or secrets readable by their owner only: on
 * POSIX systems folders {@code 700} ({@code rwx------}) and files {@code 600} ({@code rw-------}),
 * set when they are created and tightened when an existing install is opened; on Windows an ACL
 * whose only entry grants the owner full control (inherited by new files in a folder).
 *
 * <p>Only permissions wider than owner-only are changed, and only on paths the user owns (the OS
 * refuses the others: the caller gets the {@link IOException} and decides whether to warn). The
 * Windows path is a few lines over {@link AclFileAttributeView} and is not exercised by the tests,
 * which run on Linux.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Whether the default file system has POSIX permissions (Linux, macOS). */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** The attribute that creates a file as {@code 600} on POSIX systems; none elsewhere. */
    public static FileAttribute<?>[] fileAttributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /**
     * Creates {@code dir} owner-only (its missing parents get the default permissions), or tightens
     * it when it exists with wider permissions.
     *
     * @return {@code dir}
     * @throws IOException when it cannot be created, or its permissions cannot be changed (not the owner)
     */
    public static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix()) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(dir)) {
                    throw raced;
                }
                // created in the meantime (another process): tightened below
            }
        }
        restrict(dir, true);
        return dir;
    }

    /**
     * Creates {@code file} empty and owner-only when it does not exist, else tightens it.
     *
     * @throws IOException when it cannot be created or its permissions changed
     */
    public static void createFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, fileAttributes());
            } catch (FileAlreadyExistsException raced) {
                // created in the meantime: tightened below
            }
        }
        restrict(file, false);
    }

    /**
     * Tightens an existing file (or folder) to owner-only; nothing when it does not exist.
     *
     * @throws IOException when its permissions cannot be changed (not the owner)
     */
    public static void file(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file, Files.isDirectory(file));
        }
    }

    /**
     * Whether only the owner may read {@code path}: no group or other permission bits on POSIX,
     * only the owner in the ACL on Windows.
     *
     * @throws IOException when the permissions cannot be read
     */
    public static boolean isOwnerOnly(Path path) throws IOException {
        if (posix()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            return perms.stream().allMatch(p -> p.name().startsWith("OWNER_"));
        }
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (view == null) {
            return false;
        }
        UserPrincipal owner = view.getOwner();
        return view.getAcl().stream().allMatch(e -> e.principal().equals(owner));
    }

    private static void restrict(Path path, boolean directory) throws IOException {
        if (isOwnerOnly(path)) {
            return;
        }
        if (posix()) {
            Set<PosixFilePermission> target = EnumSet.copyOf(DIR);
            if (!directory) {
                target = EnumSet.noneOf(PosixFilePermission.class);
                for (PosixFilePermission p : Files.getPosixFilePermissions(path)) {
                    if (p.name().startsWith("OWNER_")) {
                        target.add(p);
                    }
                }
            }
            Files.setPosixFilePermissions(path, target);
            return;
        }
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (view == null) {
            return;
        }
        AclEntry.Builder entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(view.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class));
        if (directory) {
            entry.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
        }
        view.setAcl(List.of(entry.build()));
    }
}
