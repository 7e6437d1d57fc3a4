import Foundation
import ReclamCore
import ReclamGit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Whether a ledger file may be handed to another program that writes it (the editor of
/// `reclam edit`). Reading through `FileSystem.readRegularFile` refuses a symlink at the last
/// step only; a program that writes follows every link on the way, and writes through a hard
/// link into the file's other names. So every folder from the ledger's root down must be a real
/// folder, and the file a regular file with one name.
public enum LedgerFile {
    /// Nil when `path` (relative to the ledger) is a regular file inside it; else why not.
    public static func writableProblem(_ path: String, in ledger: Ledger) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.isEmpty, components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            return "is not a path inside the ledger"
        }
        var current = ledger.root.path
        for (index, component) in components.enumerated() {
            current += "/" + component
            let isLast = index == components.count - 1
            var info = stat()
            guard lstat(current, &info) == 0 else { return "cannot be opened: \(String(cString: strerror(errno)))" }
            let shown = components[...index].joined(separator: "/")
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                return isLast
                    ? "is a symbolic link; replace the link with the file itself"
                    : "lies under \(shown), a symbolic link; replace the link with the folder itself"
            case S_IFDIR where !isLast:
                continue
            case S_IFREG where isLast:
                if info.st_nlink > 1 { return "has other names (hard links) outside reclam's control; replace it with a copy" }
                return nil
            default:
                return isLast ? "is not a regular file" : "lies under \(shown), which is not a folder"
            }
        }
        return "is not a regular file"
    }
}
