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

/// Finds cases by id. Ids are unique across the ledger, so a lookup never reads case files.
public enum CaseLocator {
    /// The file of case `id`, `cases/<learner>/<id>.md`.
    ///
    /// Given the ledger's `repository`, as writing commands do (their commit loads the index
    /// anyway, once per process), the candidates are the index entries of that name that are
    /// in the work tree: no cost per learner folder. A copy of a tracked case that git does
    /// not know yet is then not seen (`reclam check` reports duplicate ids). Without a
    /// repository, or when git knows no such file, the learner folders are scanned: one
    /// `stat` each, 33 000 of them on 100 000 cases.
    public static func path(of id: String, in ledger: Ledger, repository: GitRepository? = nil) throws(ReclamError) -> String {
        if let problem = Identifier.problem(id) { throw .usage(problem) }
        var found: [String] = []
        if let repository, let indexed = try? repository.indexedPaths(named: "\(id).md", oneFolderBelow: Ledger.casesFolder) {
            let root = ledger.root.path
            // In the folders' order, as the scan lists them.
            found = indexed.filter { isInWorkTree($0, root: root) }.sorted { $0.split(separator: "/")[1] < $1.split(separator: "/")[1] }
        }
        if found.isEmpty { found = try scan(for: id, in: ledger) }
        if found.count > 1 {
            throw .refused(Messages(ledger.config.language).format(.ledgerIDSeveralFiles, id, found.joined(separator: ", ")))
        }
        guard let path = found.first else { throw ReclamError(.usage, .noCaseWithID, id) }
        return path
    }

    public static func load(_ id: String, in ledger: Ledger, repository: GitRepository? = nil) throws(ReclamError) -> Case {
        let path = try path(of: id, in: ledger, repository: repository)
        switch LedgerReader.readDocument(path, in: ledger) {
        case .success(let document): return Case(path: path, document: document)
        case .failure(let failure):
            throw ReclamError(
                .refused, Messages(ledger.config.language).format(.ledgerCaseUnreadable, id), diagnostics: [failure.diagnostic])
        }
    }

    /// Every `cases/<folder>/<id>.md` in the work tree, in the order of the folders' names.
    /// Plain C paths relative to the open `cases` folder: building a URL and its path per
    /// folder cost 720 million instructions on 33 390 folders.
    package static func scan(for id: String, in ledger: Ledger) throws(ReclamError) -> [String] {
        let casesPath = ledger.root.path + "/" + Ledger.casesFolder
        var info = stat()
        guard lstat(casesPath, &info) == 0 else { return [] }
        guard let directory = opendir(casesPath) else {
            throw .io(Messages(ledger.config.language).format(.ioCannotList, casesPath, String(cString: strerror(errno))))
        }
        defer { closedir(directory) }
        let fd = dirfd(directory)
        let tail = Array("/\(id).md".utf8CString)
        var relative = [CChar](repeating: 0, count: 512)
        var folders: [String] = []
        while let entry = readdir(directory) {
            let holdsCase = withUnsafePointer(to: entry.pointee.d_name) { pointer -> Bool in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { name in
                    let length = strlen(name)
                    if name[0] == 0x2E && (length == 1 || (length == 2 && name[1] == 0x2E)) { return false }
                    switch Int32(entry.pointee.d_type) {
                    case Int32(DT_DIR): break
                    case Int32(DT_REG), Int32(DT_LNK): return false
                    default:
                        guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
                    }
                    guard length + tail.count <= relative.count else { return false }
                    relative.withUnsafeMutableBufferPointer { buffer in
                        memcpy(buffer.baseAddress!, name, length)
                        _ = tail.withUnsafeBufferPointer { memcpy(buffer.baseAddress! + length, $0.baseAddress!, $0.count) }
                    }
                    return fstatat(fd, relative, &info, AT_SYMLINK_NOFOLLOW) == 0
                }
            }
            if holdsCase {
                folders.append(
                    withUnsafePointer(to: entry.pointee.d_name) {
                        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                    })
            }
        }
        return folders.sorted().map { Ledger.casePath(learner: $0, id: id) }
    }

    /// The file exists (whatever it is: reading it refuses links) in a learner folder that is a
    /// real directory, as the scan requires.
    private static func isInWorkTree(_ path: String, root: String) -> Bool {
        guard let slash = path.lastIndex(of: "/") else { return false }
        var info = stat()
        guard lstat(root + "/" + path[..<slash], &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        return lstat(root + "/" + path, &info) == 0
    }

    static func learnerFolders(in ledger: Ledger) throws(ReclamError) -> [String] {
        let url = ledger.url(Ledger.casesFolder)
        guard FileSystem.kind(of: url) != nil else { return [] }
        do {
            return try FileSystem.list(url).filter { $0.kind == .directory }.map(\.name)
        } catch {
            throw .io(Messages(ledger.config.language).format(.ioCannotList, url.path, error.message))
        }
    }

    /// Every case id with its path, from file names alone.
    public static func allIDs(in ledger: Ledger) throws(ReclamError) -> [String: String] {
        var ids: [String: String] = [:]
        for folder in try learnerFolders(in: ledger) {
            guard let entries = try? FileSystem.list(ledger.url("\(Ledger.casesFolder)/\(folder)")) else { continue }
            for entry in entries where entry.name.hasSuffix(".md") && entry.name != Ledger.learnerFile {
                ids[String(entry.name.dropLast(3))] = "\(Ledger.casesFolder)/\(folder)/\(entry.name)"
            }
        }
        return ids
    }
}
