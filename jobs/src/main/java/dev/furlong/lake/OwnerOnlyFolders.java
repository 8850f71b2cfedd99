package dev.furlong.lake;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the folders Furlong keeps its data in (the lake, the embedded database's, their parent) readable by their owner
 * only: the lake holds the account's paid-for answers, and whoever can read a folder can read everything below it. Folders
 * that already exist keep the modes their owner gave them.
 */
public final class OwnerOnlyFolders {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFolders() {
    }

    /** Creates {@code folder} and any missing parent, each {@code rwx------} on a POSIX file system. */
    public static Path create(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (absolute.getParent() != null) {
            create(absolute.getParent());
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
            // another process made it a moment ago: its modes stand
        }
        return absolute;
    }
}
