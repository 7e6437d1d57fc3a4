import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// What a web submission needs to know of the ledger — the case ids taken, the learner folders,
/// which learner an address belongs to — kept by `reclam serve` between submissions.
///
/// It is brought up to date as the server's other caches are (`StatusIndex`, `CaseBoardCache`):
/// nothing is looked at while git's state (`LedgerWatch.state`: HEAD, the branch, the index,
/// the `cases/` folder) is unchanged; after commits (the server's own, `reclam` at the
/// terminal, `git commit`, `git pull`), only the learner folders holding the paths git says
/// the commits changed are listed again, and their `learner.md` read again when its size,
/// mtime or inode changed. Anything else (the first submission, a change without a commit, a
/// HEAD git cannot compare) lists every learner folder, re-listing only those whose mtime
/// changed and re-reading only the changed learner files. An edit of a `learner.md` that is
/// not committed is seen once it is committed (or at the next full listing), as the case board
/// sees an edit by hand. The addresses of a learner file are the keys intake files it under
/// (`IntakeIndex.addresses(of:)`).
public final class SubmissionDirectory: @unchecked Sendable {
    struct Folder: Sendable {
        /// The folder's stamp when it was last listed.
        var stamp: FileStamp
        var caseIDs: Set<String>
        var learnerStamp: FileStamp?
        var addresses: [String]
    }

    public struct Snapshot: Sendable {
        public var caseIDs: Set<String>
        public var learners: Set<String>
        /// Normalised address → learner folders listing it, in name order.
        var byAddress: [String: [String]]

        /// The learner whose `learner.md` lists the address; the first in name order.
        public func learner(for address: String) -> String? {
            address.isEmpty ? nil : byAddress[address]?.first
        }
    }

    private let lock = NSLock()
    private let watch = LedgerWatch()
    private var state: [FileStamp?] = []
    private var folders: [String: Folder] = [:]
    /// How many folders hold each case id (a copied case file is in two).
    private var idCounts: [String: Int] = [:]
    private var snapshot: Snapshot?
    /// Learner files read since the directory was made (for tests).
    public private(set) var learnerFilesRead = 0
    /// Learner folders looked at (stat-ed or listed) since the directory was made (for tests).
    public private(set) var foldersLooked = 0

    public init() {}

    /// The directory as the ledger is now.
    public func current(_ ledger: Ledger) throws(ReclamError) -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        let now = watch.state(ledger)
        if let snapshot, now == state { return snapshot }
        let move = watch.headMove(ledger)  // asked every time: it compares with the HEAD it saw last
        if snapshot != nil, case .moved(let paths) = move {
            apply(paths, ledger)
        } else {
            try rescan(ledger)
        }
        state = now
        return snapshot ?? Snapshot(caseIDs: [], learners: [], byAddress: [:])
    }

    /// After commits: the learner folders holding the changed paths are looked at again, alone.
    private func apply(_ changed: [String], _ ledger: Ledger) {
        var names = Set<String>()
        for path in changed {
            let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0] == Substring(Ledger.casesFolder) else { continue }
            names.insert(String(parts[1]))
        }
        let casesPath = ledger.root.path + "/" + Ledger.casesFolder
        for name in names.sorted() {
            guard Identifier.problem(name) == nil,
                FileSystem.kind(of: URL(fileURLWithPath: casesPath + "/" + name)) == .directory
            else {
                replace(name, with: nil)
                continue
            }
            foldersLooked += 1
            let looked = Self.look(ledger, casesPath: casesPath, name: name, previous: folders[name], listAgain: true)
            if looked?.readLearner == true { learnerFilesRead += 1 }
            replace(name, with: looked?.folder)
        }
    }

    /// Every learner folder stat-ed; the snapshot made again.
    private func rescan(_ ledger: Ledger) throws(ReclamError) {
        let casesPath = ledger.root.path + "/" + Ledger.casesFolder
        guard FileSystem.kind(of: ledger.url(Ledger.casesFolder)) != nil else {
            folders = [:]
            idCounts = [:]
            snapshot = Snapshot(caseIDs: [], learners: [], byAddress: [:])
            return
        }
        let entries: [FileSystem.Entry]
        do { entries = try FileSystem.list(path: casesPath) } catch {
            throw .io(Messages(ledger.config.language).format(.ioCannotList, casesPath, error.message))
        }
        let names = entries.filter { $0.kind == .directory && Identifier.problem($0.name) == nil }.map(\.name).sorted()
        let old = folders
        let updated = Parallel.map(names) { name in
            Self.look(ledger, casesPath: casesPath, name: name, previous: old[name], listAgain: false)
        }
        foldersLooked += names.count
        var next: [String: Folder] = [:]
        next.reserveCapacity(names.count)
        var counts: [String: Int] = [:]
        var byAddress: [String: [String]] = [:]
        for (name, result) in zip(names, updated) {
            guard let (folder, readLearner) = result else { continue }
            if readLearner { learnerFilesRead += 1 }
            next[name] = folder
            for id in folder.caseIDs { counts[id, default: 0] += 1 }
            for address in Set(folder.addresses) { byAddress[address, default: []].append(name) }
        }
        folders = next
        idCounts = counts
        snapshot = Snapshot(caseIDs: Set(counts.keys), learners: Set(next.keys), byAddress: byAddress)
    }

    /// A learner folder as the work tree holds it: listed again when its mtime changed (or
    /// always, `listAgain`), its `learner.md` read again when its stamp changed. Nil when it
    /// cannot be listed.
    static func look(
        _ ledger: Ledger, casesPath: String, name: String, previous: Folder?, listAgain: Bool
    ) -> (folder: Folder, readLearner: Bool)? {
        let path = casesPath + "/" + name
        guard let stamp = FileStamp(path: path) else { return nil }
        let learnerStamp = FileStamp(path: path + "/" + Ledger.learnerFile)
        var folder: Folder
        if let previous, !listAgain, previous.stamp == stamp {
            folder = previous
        } else {
            guard let listed = try? FileSystem.list(path: path) else { return nil }
            let ids = listed.filter {
                $0.kind == .file && $0.name.hasSuffix(".md") && !$0.name.hasPrefix(".") && $0.name != Ledger.learnerFile
            }.map { String($0.name.dropLast(3)) }
            folder = Folder(
                stamp: stamp, caseIDs: Set(ids), learnerStamp: previous?.learnerStamp, addresses: previous?.addresses ?? [])
        }
        let readLearner = previous == nil || folder.learnerStamp != learnerStamp
        if readLearner {
            folder.learnerStamp = learnerStamp
            folder.addresses = learnerStamp == nil ? [] : addresses(ledger, learner: name)
        }
        return (folder, readLearner && learnerStamp != nil)
    }

    /// Puts a folder's new state in place of its old one in the counts and the snapshot: the
    /// work is that of the folder's ids and addresses, not of the ledger's.
    private func replace(_ name: String, with new: Folder?) {
        let old = folders[name]
        folders[name] = new
        guard var made = snapshot else { return }
        snapshot = nil  // the only reference while it changes: no copy
        let oldIDs = old?.caseIDs ?? []
        let newIDs = new?.caseIDs ?? []
        for id in oldIDs.subtracting(newIDs) {
            let count = (idCounts[id] ?? 1) - 1
            idCounts[id] = count > 0 ? count : nil
            if count <= 0 { made.caseIDs.remove(id) }
        }
        for id in newIDs.subtracting(oldIDs) {
            idCounts[id, default: 0] += 1
            made.caseIDs.insert(id)
        }
        let oldAddresses = Set(old?.addresses ?? [])
        let newAddresses = Set(new?.addresses ?? [])
        for address in oldAddresses.subtracting(newAddresses) {
            made.byAddress[address]?.removeAll { $0 == name }
            if made.byAddress[address]?.isEmpty == true { made.byAddress[address] = nil }
        }
        for address in newAddresses.subtracting(oldAddresses) {
            var list = made.byAddress[address] ?? []
            list.insert(name, at: list.firstIndex { $0 > name } ?? list.count)
            made.byAddress[address] = list
        }
        if new == nil { made.learners.remove(name) } else { made.learners.insert(name) }
        snapshot = made
    }

    /// The normalised addresses of a learner file that parses, as intake files them.
    static func addresses(_ ledger: Ledger, learner: String) -> [String] {
        let path = "\(Ledger.casesFolder)/\(learner)/\(Ledger.learnerFile)"
        guard case .success(let document) = LedgerReader.readDocument(path, in: ledger) else { return [] }
        return IntakeIndex.addresses(of: Learner(path: path, document: document))
    }
}
