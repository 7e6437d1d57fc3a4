import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// What says that a ledger's work tree may have changed since a server last read it: the
/// stamps (size, mtime, inode) of `cases/`, `reclam.yml`, and git's HEAD, the branch HEAD
/// names, `packed-refs` and the index. Every commit, checkout, merge, pull or reset rewrites
/// the index or a ref; a new learner folder changes `cases/`. An edit by hand that is not
/// committed changes none of them: the caches that rely on this say so.
final class LedgerWatch: @unchecked Sendable {
    private var gitDirectories: (own: String, common: String)??
    private var repository: GitRepository??
    private var lastHead: ObjectID?
    private var askedHead = false

    /// How HEAD moved since the last call.
    enum HeadMove {
        /// First call, no repository, or a diff that failed: read the whole ledger.
        case unknown
        case same
        /// The paths the commits in between changed (their net change).
        case moved([String])
    }

    /// Called under its owner's lock, at each refresh, so that the next call compares with it.
    func headMove(_ ledger: Ledger) -> HeadMove {
        if repository == nil { repository = .some(try? GitRepository.open(at: ledger.root.path)) }
        guard case .some(.some(let repository)) = repository else { return .unknown }
        let head = try? repository.tipCommitID()
        defer {
            lastHead = head
            askedHead = true
        }
        guard askedHead, let previous = lastHead, let head else { return .unknown }
        if previous == head { return .same }
        guard let paths = try? repository.changedPaths(from: previous, to: head) else { return .unknown }
        return .moved(paths)
    }

    /// What a cache of case files must do to catch up with the ledger.
    struct CatchUp {
        /// The case paths now, in LedgerScan's order.
        var paths: [String]
        /// The files to read again (new or changed since the cache read them), with their stamps.
        var changed: [(path: String, stamp: FileStamp)]
        /// How many files were stat-ed to find them.
        var looked: Int
        /// After a commit, the case paths that are gone since the last call (the others kept
        /// theirs); nil when every file was listed, and the caller must compare the lists.
        var removed: Set<String>? = nil
    }

    /// Called under its owner's lock when `state` changed. After a commit, the files git says
    /// the commits in between changed are the only ones looked at (listing and stat-ing every
    /// file took 2–3 s at 100 000 cases); otherwise (the first time, a change without a
    /// commit, a HEAD git cannot compare) every case file is listed and stat-ed.
    func catchUp(
        _ ledger: Ledger, from paths: [String], stamp old: (String) -> FileStamp?
    ) throws(ReclamError) -> CatchUp {
        let root = ledger.root.path + "/"
        let listed: [String]
        let candidates: [String]
        var removed: Set<String>?
        if case .moved(let changed) = headMove(ledger), !paths.isEmpty {
            (listed, candidates, removed) = Self.apply(changed, to: paths, root: root) { old($0) != nil }
        } else {
            listed = try LedgerScan.scan(ledger).casePaths
            candidates = listed
        }
        let stamps = Parallel.map(candidates) { FileStamp(path: root + $0) }
        var gone = Set<String>()
        var changed: [(path: String, stamp: FileStamp)] = []
        for (path, stamp) in zip(candidates, stamps) {
            guard let stamp else {
                gone.insert(path)  // removed since it was listed
                continue
            }
            if old(path) != stamp { changed.append((path, stamp)) }
        }
        return CatchUp(
            paths: gone.isEmpty ? listed : listed.filter { !gone.contains($0) }, changed: changed, looked: candidates.count,
            removed: removed.map { $0.union(gone) })
    }

    /// The case paths after a commit changed `changed`, in `LedgerScan`'s order, and those of
    /// them to stat and read again (the changed ones that are case files).
    static func apply(
        _ changed: [String], to paths: [String], root: String, known: (String) -> Bool
    ) -> (paths: [String], candidates: [String], removed: Set<String>) {
        var removed = Set<String>()
        var candidates: [String] = []
        var added: [String] = []
        for path in Set(changed) where isCasePath(path) {
            var info = stat()
            if lstat(root + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                candidates.append(path)
                if !known(path) { added.append(path) }
            } else if known(path) {
                removed.insert(path)
            }
        }
        guard !removed.isEmpty || !added.isEmpty else { return (paths, candidates, removed) }
        var next = removed.isEmpty ? paths : paths.filter { !removed.contains($0) }
        for path in added.sorted(by: inScanOrder) {
            // Binary search: a new case is a few insertions into a sorted list, not a sort of it.
            var low = 0
            var high = next.count
            while low < high {
                let middle = (low + high) / 2
                if inScanOrder(next[middle], path) { low = middle + 1 } else { high = middle }
            }
            next.insert(path, at: low)
        }
        return (next, candidates, removed)
    }

    /// LedgerScan's order: learner folders by name, then the files of each by name.
    static func inScanOrder(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: "/")
        let right = b.split(separator: "/")
        guard left.count == 3, right.count == 3 else { return a < b }
        return left[1] != right[1] ? String(left[1]) < String(right[1]) : String(left[2]) < String(right[2])
    }

    /// `cases/<learner>/<case>.md`, as LedgerScan takes it (not learner.md, not hidden).
    static func isCasePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Ledger.casesFolder, Identifier.problem(String(parts[1])) == nil else { return false }
        let name = parts[2]
        return name.hasSuffix(".md") && name != Ledger.learnerFile && !name.hasPrefix(".")
    }

    /// Called under its owner's lock.
    func state(_ ledger: Ledger) -> [FileStamp?] {
        if gitDirectories == nil {
            if let repository = try? GitRepository.open(at: ledger.root.path) {
                gitDirectories = .some((repository.gitDirectory, repository.commonDirectory))
            } else {
                gitDirectories = .some(nil)
            }
        }
        var stamps = [
            FileStamp(path: ledger.root.path + "/" + Ledger.casesFolder),
            FileStamp(path: ledger.root.path + "/" + LedgerConfig.fileName),
        ]
        guard case .some(.some(let git)) = gitDirectories else { return stamps }
        let own = git.own.hasSuffix("/") ? git.own : git.own + "/"
        let common = git.common.hasSuffix("/") ? git.common : git.common + "/"
        stamps.append(FileStamp(path: own + "HEAD"))
        stamps.append(FileStamp(path: own + "index"))
        stamps.append(FileStamp(path: common + "packed-refs"))
        // The branch HEAD names, when it is a loose ref.
        if let head = try? FileSystem.readRegularFile(path: own + "HEAD", limit: 4096),
            let text = String(data: head, encoding: .utf8), text.hasPrefix("ref: ")
        {
            let ref = text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
            if !ref.contains("..") { stamps.append(FileStamp(path: common + ref)) }
        }
        return stamps
    }
}
