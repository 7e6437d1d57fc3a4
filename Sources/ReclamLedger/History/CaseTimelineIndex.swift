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

/// Which commits changed each case file, kept by `reclam serve` so that a case page's timeline
/// does not walk the whole history (`git log -- PATH` took 0.75–1 s at 331 091 commits).
///
/// Made once from `git log --no-renames --raw` of `cases/` over the whole history (minutes at
/// 100 000 cases: on a thread of its own, the pages use the walk meanwhile), then kept up to
/// date with HEAD: the commits HEAD gained are added, those it lost (a reset) removed. It is
/// saved under `.git/reclam/` with the commit it covers, so that a restart only catches up.
///
/// It answers only for a history without merges, where `git log -- PATH` lists exactly the
/// commits whose change against their parent touches PATH, in the order of the chain; with a
/// merge anywhere in HEAD's history git's history simplification decides what the walk shows,
/// and the index steps aside (`history` returns nil). `CaseTimelineIndexTests` holds its
/// timelines to the walk's, entry for entry, over random histories with renames and resets.
public final class CaseTimelineIndex: @unchecked Sendable {
    /// A blob id in 20 bytes, rather than a 40-character string.
    struct Blob: Hashable {
        var high: UInt64
        var middle: UInt64
        var low: UInt32

        init?(hex: String?) {
            guard let hex, hex.utf8.count == 40, let a = UInt64(hex.prefix(16), radix: 16),
                let b = UInt64(hex.dropFirst(16).prefix(16), radix: 16), let c = UInt32(hex.suffix(8), radix: 16)
            else { return nil }
            (high, middle, low) = (a, b, c)
        }

        init(high: UInt64, middle: UInt64, low: UInt32) { (self.high, self.middle, self.low) = (high, middle, low) }

        var hex: String {
            func padded<T: BinaryInteger>(_ value: T, _ width: Int) -> String {
                let text = String(value, radix: 16)
                return String(repeating: "0", count: width - text.count) + text
            }
            return padded(high, 16) + padded(middle, 16) + padded(low, 8)
        }
    }

    /// One change a commit made to a path.
    struct Entry {
        /// The commit's place in `commits`, oldest first.
        var commit: Int32
        var status: UInt8
        var old: Blob?
        var new: Blob?
    }

    /// What the index knows, swapped whole when a build ends.
    struct Table {
        /// The commit HEAD was at (nil: none yet).
        var tip: ObjectID?
        /// The commits that changed something in `cases/`, oldest first, with their first parent.
        var commits: [(id: Blob, parent: Blob?)] = []
        var position: [Blob: Int32] = [:]
        /// Each path's changes, oldest first.
        var paths: [String: [Entry]] = [:]
        /// A merge was seen: the index cannot answer for this history.
        var merged = false

        mutating func add(_ commit: HistoryCommit) {
            guard let id = Blob(hex: commit.id) else { return }
            if commit.parents.count > 1 { merged = true }
            guard !commit.changes.isEmpty, position[id] == nil else { return }
            let index = Int32(commits.count)
            commits.append((id, Blob(hex: commit.parents.first)))
            position[id] = index
            for change in commit.changes {
                let status = change.status.asciiValue ?? UInt8(ascii: "M")
                paths[change.path, default: []].append(
                    Entry(commit: index, status: status, old: Blob(hex: change.oldBlob), new: Blob(hex: change.newBlob)))
            }
        }

        /// Drops the newest commits, from `count` on (HEAD went back: a reset).
        mutating func truncate(to count: Int) {
            guard count < commits.count else { return }
            for id in commits[count...].map(\.id) { position[id] = nil }
            commits.removeSubrange(count...)
            let limit = Int32(count)
            for key in Array(paths.keys) {
                guard let last = paths[key]?.last, last.commit >= limit else { continue }
                paths[key]!.removeAll { $0.commit >= limit }
                if paths[key]!.isEmpty { paths[key] = nil }
            }
        }
    }

    private let lock = NSLock()
    private var table: Table?
    private var building = false
    private var repository: GitRepository?
    /// The tip last saved to disk, and how many commits were added since.
    private var savedTip: ObjectID?
    private var addedSinceSave = 0
    /// Full builds made, catch-ups that read git, and answers given (for tests).
    public private(set) var builds = 0
    public private(set) var catchUps = 0

    public init() {}

    /// Loads the saved index or builds it, on the calling thread (the server calls this on a
    /// thread of its own at start). Until it is done, `history` answers nil.
    public func prepare(_ root: URL, fresh: Bool = false) {
        lock.lock()
        if table != nil || building {
            lock.unlock()
            return
        }
        building = true
        lock.unlock()
        let loaded = fresh ? nil : Self.load(from: Self.file(root))
        var made = loaded
        if made == nil {
            made = try? Self.build(root)
        }
        lock.lock()
        defer { lock.unlock() }
        building = false
        guard let made else { return }
        if loaded == nil {
            builds += 1
            Self.save(made, to: Self.file(root))
            savedTip = made.tip
        } else {
            savedTip = loaded?.tip
        }
        table = made
        _ = catchUp(root)  // a saved index: the commits made since it was saved
    }

    /// Whether the index is ready (made or loaded).
    public var isReady: Bool {
        lock.lock()
        defer { lock.unlock() }
        return table != nil
    }

    /// The commits that touched the case file at `path` and the change each made, newest
    /// first, following renames as `CaseLog` does: the same as `CaseLog.history`. Nil when the
    /// index is not ready, cannot answer for this history (merges), or git failed.
    public func history(of path: String, root: URL) -> [(HistoryCommit, FileChange)]? {
        lock.lock()
        defer { lock.unlock() }
        guard catchUp(root), let table, !table.merged else { return nil }
        var path = path
        var bound = Int32.max
        var picked: [(commit: Int32, change: FileChange)] = []
        for _ in 0..<64 {
            let entries = table.paths[path] ?? []
            var end = entries.count
            while end > 0 && entries[end - 1].commit >= bound { end -= 1 }
            for entry in entries[..<end].reversed() {
                let status = Character(UnicodeScalar(entry.status))
                picked.append(
                    (
                        entry.commit,
                        FileChange(
                            status: status, oldPath: status == "A" ? nil : path, path: path, oldBlob: entry.old?.hex,
                            newBlob: entry.new?.hex)
                    ))
            }
            // The oldest change (entries are oldest first): a file added there may have been renamed.
            guard end > 0, entries[0].status == UInt8(ascii: "A") else { break }
            let oldest = table.commits[Int(entries[0].commit)]
            guard let parent = oldest.parent,
                let origin = try? CaseLog.renameOrigin(of: path, in: oldest.id.hex, parent: parent.hex, root: root)
            else { break }
            let change = picked[picked.count - 1].change
            picked[picked.count - 1].change = FileChange(
                status: "R", oldPath: origin.path, path: path, oldBlob: origin.blob, newBlob: change.newBlob)
            path = origin.path
            bound = entries[0].commit
        }
        guard !picked.isEmpty else { return [] }
        // The commits' authors, dates and messages, in git's own format (one `git log` of them,
        // without their changes: the index has them).
        let ids = picked.map { table.commits[Int($0.commit)].id.hex }
        guard let commits = try? GitHistory.commits(in: root, ids: Array(Set(ids))) else { return nil }
        var byID: [String: HistoryCommit] = [:]
        for commit in commits { byID[commit.id] = commit }
        var out: [(HistoryCommit, FileChange)] = []
        for (id, entry) in zip(ids, picked) {
            guard let commit = byID[id] else { return nil }
            out.append((commit, entry.change))
        }
        return out
    }

    /// Brings the table to HEAD: the commits it gained added, those it lost removed. Called
    /// under the lock. False when it cannot: a history rewritten (the index is then built
    /// again on a thread of its own, the walk answering meanwhile) or git failed.
    private func catchUp(_ root: URL) -> Bool {
        guard var current = table else { return false }
        if repository == nil { repository = try? GitRepository.open(at: root.path) }
        guard let repository, let head = try? repository.tipCommitID() else { return false }
        guard head != current.tip else { return true }
        catchUps += 1
        do {
            guard let tip = current.tip else { throw ReclamError.io("no tip") }
            // What the tip has that HEAD has not: with a linear history, the newest commits.
            let lost = try Self.revisions(root, "\(head.hex)..\(tip.hex)")
            if !lost.isEmpty {
                let positions = lost.compactMap { Blob(hex: $0.hex).flatMap { current.position[$0] } }
                let count = Int(positions.min() ?? Int32(current.commits.count))
                // The lost commits that changed cases/ must be the newest ones.
                guard count + positions.count == current.commits.count else { throw ReclamError.io("rewritten") }
                current.truncate(to: count)
            }
            try GitHistory.forEachBatch(
                in: root, arguments: ["--no-renames", "--reverse", "\(tip.hex)..\(head.hex)"], paths: [],
                relativeTo: Ledger.casesFolder
            ) { batch in
                for commit in batch { current.add(commit) }
                addedSinceSave += batch.count
            }
            current.tip = head
            table = current
        } catch {
            table = nil
            Thread { [self] in prepare(root, fresh: true) }.start()
            return false
        }
        if addedSinceSave >= 500 {
            Self.save(current, to: Self.file(root))
            addedSinceSave = 0
        }
        return true
    }

    /// The whole history of HEAD. Merges are listed (without their changes) by git's log of a
    /// folder: one marks the table as unable to answer.
    static func build(_ root: URL) throws -> Table {
        var table = Table()
        let repository = try GitRepository.open(at: root.path)
        guard let head = try repository.tipCommitID() else { return table }
        table.tip = head
        // A merge anywhere, or a ledger in a folder of a larger repository (git's paths would
        // not be the ledger's): the index will not answer, so the history is not read.
        let top = repository.workdir.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().standardizedFileURL.path }
        let ledger = root.resolvingSymlinksInPath().standardizedFileURL.path
        let merged = top == ledger ? try !revisions(root, "--merges", "-n", "1", head.hex).isEmpty : true
        if merged {
            table.merged = true
            return table
        }
        try GitHistory.forEachBatch(
            in: root, arguments: ["--no-renames", "--reverse", head.hex], paths: [], relativeTo: Ledger.casesFolder
        ) { batch in
            for commit in batch { table.add(commit) }
        }
        table.tip = head
        return table
    }

    static func revisions(_ root: URL, _ arguments: String...) throws -> [ObjectID] {
        let output = try GitHistory.run(["-C", root.path, "rev-list"] + arguments)
        return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { ObjectID(hex: String($0)) }
    }

    // MARK: Saved to disk

    static let magic = Data("reclam-timeline-index 1\n".utf8)

    static func file(_ root: URL) -> String? {
        guard let repository = try? GitRepository.open(at: root.path) else { return nil }
        return repository.commonDirectory + "/reclam/timeline-index"
    }

    /// Written to a temporary file and renamed: a crash leaves the old index or none.
    static func save(_ table: Table, to path: String?) {
        // A history with a merge is not saved: finding the merge again takes a `git rev-list`.
        guard let path, let tip = table.tip, !table.merged else { return }
        var data = magic
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func put(_ blob: Blob?) {
            let blob = blob ?? Blob(high: 0, middle: 0, low: 0)
            put(blob.high)
            put(blob.middle)
            put(blob.low)
        }
        func put(_ text: String) {
            put(UInt32(text.utf8.count))
            data.append(contentsOf: text.utf8)
        }
        put(tip.hex)
        put(UInt32(table.commits.count))
        for commit in table.commits {
            put(commit.id)
            put(UInt8(commit.parent == nil ? 0 : 1))
            put(commit.parent)
        }
        put(UInt32(table.paths.count))
        for (path, entries) in table.paths {
            put(path)
            put(UInt32(entries.count))
            for entry in entries {
                put(UInt32(entry.commit))
                put(entry.status)
                put(UInt8((entry.old == nil ? 0 : 1) | (entry.new == nil ? 0 : 2)))
                put(entry.old)
                put(entry.new)
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Nil when there is no file, or it cannot be read whole: the index is then built again.
    static func load(from path: String?) -> Table? {
        guard let path, let data = FileManager.default.contents(atPath: path), data.starts(with: magic) else { return nil }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Table? in
            var offset = magic.count
            func take<T: FixedWidthInteger>(_: T.Type) -> T? {
                guard offset + MemoryLayout<T>.size <= bytes.count else { return nil }
                var value = T.zero
                withUnsafeMutableBytes(of: &value) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + MemoryLayout<T>.size]))
                }
                offset += MemoryLayout<T>.size
                return T(littleEndian: value)
            }
            func text() -> String? {
                guard let count = take(UInt32.self), offset + Int(count) <= bytes.count else { return nil }
                defer { offset += Int(count) }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(count)]), as: UTF8.self)
            }
            func blob() -> Blob? {
                guard let high = take(UInt64.self), let middle = take(UInt64.self), let low = take(UInt32.self) else { return nil }
                return Blob(high: high, middle: middle, low: low)
            }
            var table = Table()
            guard let tip = text().flatMap(ObjectID.init(hex:)), let count = take(UInt32.self) else { return nil }
            table.tip = tip
            table.commits.reserveCapacity(Int(count))
            for index in 0..<Int(count) {
                guard let id = blob(), let hasParent = take(UInt8.self), let parent = blob() else { return nil }
                table.commits.append((id, hasParent == 0 ? nil : parent))
                table.position[id] = Int32(index)
            }
            guard let pathCount = take(UInt32.self) else { return nil }
            table.paths.reserveCapacity(Int(pathCount))
            for _ in 0..<Int(pathCount) {
                guard let path = text(), let entryCount = take(UInt32.self) else { return nil }
                var entries: [Entry] = []
                entries.reserveCapacity(Int(entryCount))
                for _ in 0..<Int(entryCount) {
                    guard let commit = take(UInt32.self), commit < count, let status = take(UInt8.self), let flags = take(UInt8.self),
                        let old = blob(), let new = blob()
                    else { return nil }
                    entries.append(
                        Entry(commit: Int32(commit), status: status, old: flags & 1 == 0 ? nil : old, new: flags & 2 == 0 ? nil : new))
                }
                table.paths[path] = entries
            }
            return offset == bytes.count ? table : nil
        }
    }
}
