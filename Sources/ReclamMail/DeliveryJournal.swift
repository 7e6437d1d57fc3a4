import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

#if canImport(Glibc)
    import Glibc
#endif

/// What `reclam send` knows about a message between handing it to the server and committing:
/// a line of `.git/reclam/send.log` (``DeliveryJournal``), outside the work tree.
///
/// - `in-doubt`: the whole message was handed over, no answer yet (or none came). Written and
///   synced before the server can accept the message, so that a crash never leaves a message
///   the server has but Reclam knows nothing of.
/// - `delivered`: the server accepted it; the next commit moves it to `target` (under sent/).
/// - `refused`: the server refused it for good; the next commit moves it to `target` (under outbox/failed/).
public struct DeliveryRecord: Sendable, Equatable {
    public enum State: String, Sendable {
        case inDoubt = "in-doubt"
        case delivered
        case refused
    }

    public var state: State
    /// The message's path in outbox/ (what the record is about).
    public var path: String
    public var messageID: String
    /// When the state was reached.
    public var at: Date
    public var transport: String
    /// The server's answer (delivered, refused), or why the message is in doubt.
    public var reply: String
    /// Where the commit moves the message.
    public var target: String?

    public init(
        state: State, path: String, messageID: String, at: Date, transport: String, reply: String = "", target: String? = nil
    ) {
        self.state = state
        self.path = path
        self.messageID = messageID
        self.at = at
        self.transport = transport
        self.reply = reply
        self.target = target
    }

    /// Reads a record file of the first format (`.git/reclam/send/<name>.record`, one
    /// `key: value` per line), which versions before the log wrote.
    static func parseFirstFormat(_ text: String) -> DeliveryRecord? {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        guard let state = fields["state"].flatMap(State.init(rawValue:)), let path = fields["path"], let id = fields["message-id"],
            let at = fields["at"].flatMap({ ISODateTime.parse($0)?.date })
        else { return nil }
        return DeliveryRecord(
            state: state, path: path, messageID: id, at: at, transport: fields["transport"] ?? "", reply: fields["reply"] ?? "",
            target: fields["target"])
    }

    /// Printable ASCII on one line, at most 300 characters: safe in a header and a record.
    static func oneLine(_ text: String) -> String {
        String(
            text.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : " " }.prefix(300)
        ).trimmingCharacters(in: .whitespaces)
    }
}

/// One line of `.git/reclam/send.log`: nine fields separated by tabs, the last one a checksum of
/// the others, so that a line cut short or damaged by a crash is recognised and never read as a
/// record.
///
///     1 <TAB> state <TAB> at <TAB> path <TAB> message-id <TAB> transport <TAB> target <TAB> reply <TAB> checksum
///
/// `1` is the format; `state` is `in-doubt`, `delivered`, `refused` or `cleared` (the record of
/// that path no longer applies); `at` is UTC; `target` is empty when there is none; the
/// checksum is FNV-1a (32 bits, 8 hexadecimal digits) of the bytes before its tab. In the
/// values, `%`, tabs, line breaks and other control characters are written `%XX`.
package enum DeliveryLogLine {
    package enum Entry: Equatable {
        case record(DeliveryRecord)
        case cleared(path: String)
    }

    package static func render(_ entry: Entry) -> [UInt8] {
        let fields: [String]
        switch entry {
        case .record(let record):
            fields = [
                record.state.rawValue, stamp(record.at), record.path, record.messageID, record.transport, record.target ?? "",
                record.reply,
            ]
        case .cleared(let path):
            fields = ["cleared", "", path, "", "", "", ""]
        }
        var bytes = Array("1".utf8)
        for field in fields {
            bytes.append(0x09)
            bytes += escape(field)
        }
        bytes += Array(String(format: "\t%08x\n", checksum(bytes)).utf8)
        return bytes
    }

    /// The entry of one line (without its line feed), or nil when it is not a whole, intact line.
    package static func parse(_ line: ArraySlice<UInt8>) -> Entry? {
        guard let lastTab = line.lastIndex(of: 0x09), line.endIndex - lastTab == 9,
            let sum = UInt32(String(decoding: line[(lastTab + 1)...], as: UTF8.self), radix: 16),
            sum == checksum(line[..<lastTab])
        else { return nil }
        let fields = line[..<lastTab].split(separator: 0x09, omittingEmptySubsequences: false)
        guard fields.count == 8, fields[0].elementsEqual("1".utf8) else { return nil }
        var values: [String] = []
        for field in fields.dropFirst() {
            guard let value = unescape(field) else { return nil }
            values.append(value)
        }
        if values[0] == "cleared" { return values[2].isEmpty ? nil : .cleared(path: values[2]) }
        guard let state = DeliveryRecord.State(rawValue: values[0]), let at = ISODateTime.parse(values[1])?.date, !values[2].isEmpty
        else { return nil }
        return .record(
            DeliveryRecord(
                state: state, path: values[2], messageID: values[3], at: at, transport: values[4], reply: values[6],
                target: values[5].isEmpty ? nil : values[5]))
    }

    static func stamp(_ date: Date) -> String { ISODateTime.format(date, in: TimeZone(identifier: "UTC")!) }

    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    static func escape(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || byte == 0x25 {
                out += Array(String(format: "%%%02X", byte).utf8)
            } else {
                out.append(byte)
            }
        }
        return out
    }

    static func unescape(_ field: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        var index = field.startIndex
        while index < field.endIndex {
            let byte = field[index]
            if byte < 0x20 || byte == 0x7F { return nil }
            if byte == 0x25 {
                guard field.endIndex - index >= 3,
                    let value = UInt8(String(decoding: field[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}

/// The delivery records of `reclam send` and the lock that lets one run at a time:
/// `.git/reclam/send.log`, an append-only log (one line per change, ``DeliveryLogLine``), and
/// `.git/reclam/send.lock`.
///
/// What is synced, and why (exactly once must survive `kill -9` and a power cut):
///
/// - A `write()` that has returned survives the process being killed: the data is in the
///   kernel's page cache, and every later read sees it. Only a crash of the machine (power
///   cut, kernel panic) loses what was not synced. So syncing matters for a crash of the
///   machine only, and a record need be synced only if losing it in such a crash could make a
///   message leave twice.
/// - `in-doubt` is appended and synced (one `fdatasync`) before the last byte of the message
///   goes to the server, i.e. before the server can accept it: the one durable write a
///   message costs. Lost, the message would be sent again after a crash although the server
///   has it. That `fdatasync` also makes durable every line appended before it (the previous
///   message's `delivered`).
/// - `delivered` and `refused` are appended without a sync. Lost in a crash, the message's
///   `in-doubt` line (synced) is what remains: it is reported in doubt and never sent again
///   unless a person says so (`--retry-in-doubt`, `--mark-sent`). The lines not yet synced
///   are synced in one go before the commit (``sync()``), so that a crash during the commit
///   does not put a whole run's messages in doubt.
/// - `cleared` (a temporary failure, a record the commit has made useless, a stale record)
///   is appended without a sync: a clearing lost in a crash brings back a record that the
///   next run checks against the branch again (its message is no longer in outbox/, or is in
///   doubt), never a second sending. For the same reason, the log is emptied without a sync
///   (`ftruncate`) when a run ends with no record left, which is the usual case: the commit,
///   which moved the messages out of outbox/, is durable by then (GitWriter syncs it before
///   returning, docs/GIT.md).
/// - The log is rewritten (temporary file, fsync, rename, fsync of the folder) only when it
///   is opened with lines that no longer count, a line cut short or unreadable, or records of
///   the first format: every live record is in the old file or in the new one.
///
/// A line cut short (a run killed while writing it, or a machine crash) never counts: it is
/// the last line, without its line feed, or its checksum is wrong. It was not fully written,
/// so the step it announced did not happen (an `in-doubt` line is written in full before the
/// end of the message is sent). Such lines are kept in `.git/reclam/send.log.unreadable` for
/// a person to look at, and a warning says so; the lines before and after still count.
public final class DeliveryJournal {
    public let logPath: String
    /// Where the first format kept one file per record (converted when found).
    let firstFormatDirectory: String
    private let lockDescriptor: Int32
    private var logDescriptor: Int32 = -1
    /// The live record of each outbox path, as replaying the log gives it.
    private var live: [String: DeliveryRecord] = [:]
    /// Lines appended since the last sync.
    private var unsynced = false
    /// A line could not be appended: the file may hold more than `live`, so it is not emptied.
    private var appendFailed = false
    /// What a person should know about the log as it was found.
    public private(set) var warnings: [String] = []
    private let m: Messages

    /// Opens `.git/reclam/send.log` and takes `.git/reclam/send.lock`, waiting up to `timeout`
    /// for another run.
    /// `language`: the ledger's, for the refusal when another run holds the lock and the warnings.
    public init(gitDirectory: String, timeout: Duration = .seconds(60), language: Language = .en) throws(ReclamError) {
        m = Messages(language)
        let base = gitDirectory + "/reclam"
        logPath = base + "/send.log"
        firstFormatDirectory = base + "/send"
        if mkdir(base, 0o700) != 0 && errno != EEXIST {
            throw .io(m.format(.cannotCreate, base, String(cString: strerror(errno))))
        }
        let lockPath = base + "/send.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw .io(m.format(.ioCannotOpen, lockPath, String(cString: strerror(errno)))) }
        let deadline = ContinuousClock.now + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(fd)
                throw .refused(m.format(.sendLockBusy, lockPath))
            }
            usleep(20_000)
        }
        lockDescriptor = fd
        try load()
    }

    deinit {
        if logDescriptor >= 0 {
            if live.isEmpty && !appendFailed { _ = ftruncate(logDescriptor, 0) }
            close(logDescriptor)
        }
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    /// Every live record, by path.
    public func records() -> [DeliveryRecord] { live.values.sorted { $0.path < $1.path } }

    /// Appends `record`; with `durable`, syncs the log before returning.
    public func write(_ record: DeliveryRecord, durable: Bool) throws(ReclamError) {
        try append(DeliveryLogLine.render(.record(record)))
        live[record.path] = record
        if durable { try sync() }
    }

    /// The record of `record.path` no longer applies (not synced: see the type's comment).
    public func remove(_ record: DeliveryRecord) {
        guard live[record.path] != nil else { return }
        do {
            try append(DeliveryLogLine.render(.cleared(path: record.path)))
            live[record.path] = nil
        } catch {
            // Kept: the next run checks it against the branch again.
        }
    }

    /// Makes every line appended so far durable (one `fdatasync`).
    public func sync() throws(ReclamError) {
        guard unsynced else { return }
        if fdatasync(logDescriptor) != 0 { throw .io(m.format(.ioCannotSync, logPath, String(cString: strerror(errno)))) }
        unsynced = false
    }

    private func append(_ bytes: [UInt8]) throws(ReclamError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(logDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                appendFailed = true
                throw .io(m.format(.cannotWrite, logPath, String(cString: strerror(errno))))
            }
            offset += count
            unsynced = true
        }
    }

    // MARK: Opening

    private func load() throws(ReclamError) {
        var data: [UInt8] = []
        if FileSystem.kind(of: URL(fileURLWithPath: logPath)) != nil {
            do { data = Array(try FileSystem.readRegularFile(path: logPath, limit: 1 << 30)) } catch {
                throw .io(m.format(.sendJournalUnreadable, logPath, "\(error)"))
            }
        }
        var lines = 0
        var unreadable: [ArraySlice<UInt8>] = []
        var start = 0
        while start < data.count {
            guard let end = data[start...].firstIndex(of: 0x0A) else {
                // The last line, without its line feed: a write cut short.
                unreadable.append(data[start...])
                warnings.append(m.format(.sendLogCutShort, logPath, logPath))
                break
            }
            lines += 1
            switch DeliveryLogLine.parse(data[start..<end]) {
            case .record(let record)?: live[record.path] = record
            case .cleared(let path)?: live[path] = nil
            case nil:
                unreadable.append(data[start..<end])
                warnings.append(m.format(.sendLogDamaged, String(lines), logPath, logPath))
            }
            start = end + 1
        }

        // Records of the first format, written by an earlier version: newer than the log's
        // (a version that knows the log converts them before writing anything).
        var converted: [String] = []
        if let entries = try? FileSystem.list(path: firstFormatDirectory) {
            for entry in entries where entry.kind == .file && entry.name.hasSuffix(".record") {
                let path = firstFormatDirectory + "/" + entry.name
                if let file = try? FileSystem.readRegularFile(path: path, limit: 65536),
                    let record = DeliveryRecord.parseFirstFormat(String(decoding: file, as: UTF8.self))
                {
                    live[record.path] = record
                    converted.append(path)
                } else {
                    warnings.append(m.format(.sendUnreadableRecord, path))
                }
            }
        }

        if !unreadable.isEmpty || !converted.isEmpty || lines > live.count {
            if !unreadable.isEmpty {
                var kept: [UInt8] = []
                for line in unreadable { kept += line + [0x0A] }
                try Self.appendDurably(kept, to: logPath + ".unreadable", m)
            }
            var text: [UInt8] = []
            for record in records() { text += DeliveryLogLine.render(.record(record)) }
            try Self.replaceDurably(logPath, with: text, m)
            for path in converted { unlink(path) }
            if !converted.isEmpty {
                Self.syncDirectory(firstFormatDirectory)
                rmdir(firstFormatDirectory)
            }
        }
        logDescriptor = open(logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if logDescriptor < 0 { throw .io(m.format(.ioCannotOpen, logPath, String(cString: strerror(errno)))) }
    }

    /// Temporary file, fsync, rename, fsync of the folder.
    static func replaceDurably(_ path: String, with bytes: [UInt8], _ m: Messages = Messages(.en)) throws(ReclamError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { throw .io(m.format(.cannotWrite, temporary, String(cString: strerror(errno)))) }
        try writeAll(bytes, to: fd, path: temporary, m)
        if rename(temporary, path) != 0 { throw .io(m.format(.ioCannotRename, temporary, String(cString: strerror(errno)))) }
        syncDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
    }

    static func appendDurably(_ bytes: [UInt8], to path: String, _ m: Messages = Messages(.en)) throws(ReclamError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw .io(m.format(.cannotWrite, path, String(cString: strerror(errno)))) }
        try writeAll(bytes, to: fd, path: path, m)
    }

    /// Writes, fsyncs and closes `fd`.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String, _ m: Messages) throws(ReclamError) {
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { throw .io(m.format(.cannotWrite, path, String(cString: strerror(errno)))) }
            offset += count
        }
        if fsync(fd) != 0 { throw .io(m.format(.ioCannotSync, path, String(cString: strerror(errno)))) }
    }

    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
