import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// What a web submission needs to know of the ledger — the case ids taken, the learner folders,
/// which learner an address belongs to — kept by `reclam serve` between submissions.
///
/// Without it each submission listed every learner folder and read and parsed every
/// `learner.md` (3 358 of them on 10 000 cases, most of a submission's time). At each
/// submission it is brought up to date from the work tree: `cases/` is listed, each learner
/// folder and `learner.md` stat'ed, and only a folder whose mtime changed is listed again,
/// only a `learner.md` whose size, mtime or inode changed is read again. It is never older than
/// the work tree at the moment of the submission, whoever changed it (another writer, a hand
/// edit, `git pull`), and it sees what `LedgerScan` and `knownLearner` would.
public final class SubmissionDirectory: @unchecked Sendable {
    struct Folder: Sendable {
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
    private var folders: [String: Folder] = [:]
    private var snapshot: Snapshot?
    /// Learner files read since the directory was made (for tests).
    public private(set) var learnerFilesRead = 0

    public init() {}

    /// The directory as the work tree is now.
    public func current(_ ledger: Ledger) throws(ReclamError) -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        let casesPath = ledger.root.path + "/" + Ledger.casesFolder
        guard FileSystem.kind(of: ledger.url(Ledger.casesFolder)) != nil else {
            folders = [:]
            return Snapshot(caseIDs: [], learners: [], byAddress: [:])
        }
        let entries: [FileSystem.Entry]
        do { entries = try FileSystem.list(path: casesPath) } catch {
            throw .io("cannot list \(casesPath): \(error.message)")
        }
        let names = entries.filter { $0.kind == .directory && Identifier.problem($0.name) == nil }.map(\.name)
        let old = folders
        let updated = Parallel.map(names) { name -> (folder: Folder, readLearner: Bool)? in
            let path = casesPath + "/" + name
            guard let stamp = FileStamp(path: path) else { return nil }
            let learnerStamp = FileStamp(path: path + "/" + Ledger.learnerFile)
            let previous = old[name]
            var folder: Folder
            if let previous, previous.stamp == stamp {
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
                folder.addresses = learnerStamp == nil ? [] : Self.addresses(ledger, learner: name)
            }
            return (folder, readLearner && learnerStamp != nil)
        }
        var next: [String: Folder] = [:]
        next.reserveCapacity(names.count)
        var changed = names.count != old.count
        for (name, result) in zip(names, updated) {
            guard let (folder, readLearner) = result else { continue }
            if readLearner { learnerFilesRead += 1 }
            if let previous = old[name] {
                changed = changed || previous.stamp != folder.stamp || previous.learnerStamp != folder.learnerStamp
            } else {
                changed = true
            }
            next[name] = folder
        }
        folders = next
        if !changed, let snapshot { return snapshot }
        var ids = Set<String>()
        var byAddress: [String: [String]] = [:]
        for name in names.sorted() {
            guard let folder = next[name] else { continue }
            ids.formUnion(folder.caseIDs)
            for address in Set(folder.addresses) { byAddress[address, default: []].append(name) }
        }
        let made = Snapshot(caseIDs: ids, learners: Set(next.keys), byAddress: byAddress)
        snapshot = made
        return made
    }

    /// The normalised addresses of a learner file that parses, as `knownLearner` reads them.
    static func addresses(_ ledger: Ledger, learner: String) -> [String] {
        let path = "\(Ledger.casesFolder)/\(learner)/\(Ledger.learnerFile)"
        guard case .success(let document) = LedgerReader.readDocument(path, in: ledger) else { return [] }
        return Learner(path: path, document: document).emails.map(IntakeIndex.normalisedAddress).filter { !$0.isEmpty }
    }
}
