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
/// one small file per message in `.git/reclam/send/`, outside the work tree, written and
/// fsynced before the commit, removed once the commit is made.
///
/// - `in-doubt`: the whole message was handed over, no answer yet (or none came). Written
///   before the server can accept the message, so that a crash never leaves a message the
///   server has but Reclam knows nothing of.
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

    func rendered() -> String {
        var lines = [
            "state: \(state.rawValue)", "path: \(path)", "message-id: \(messageID)",
            "at: \(ISODateTime.format(at, in: TimeZone(identifier: "UTC")!))", "transport: \(transport)",
            "reply: \(DeliveryRecord.oneLine(reply))",
        ]
        if let target { lines.append("target: \(target)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String) -> DeliveryRecord? {
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

/// The folder of delivery records and the lock that lets one `reclam send` run at a time.
public final class DeliveryJournal {
    public let directory: String
    private let lockDescriptor: Int32

    /// Opens `.git/reclam/send/` and takes its lock, waiting up to `timeout` for another run.
    /// `language`: the ledger's, for the refusal when another run holds the lock.
    public init(gitDirectory: String, timeout: Duration = .seconds(60), language: Language = .en) throws(ReclamError) {
        let base = gitDirectory + "/reclam"
        directory = base + "/send"
        for folder in [base, directory] where mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw .io("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        let lockPath = base + "/send.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw .io("cannot open \(lockPath): \(String(cString: strerror(errno)))") }
        let deadline = ContinuousClock.now + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(fd)
                throw .refused(Messages(language).format(.sendLockBusy, lockPath))
            }
            usleep(20_000)
        }
        lockDescriptor = fd
    }

    deinit {
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    private func file(for path: String) -> String {
        // One file per outbox file name: names carry the case id, never an address.
        directory + "/" + (path.split(separator: "/").last.map(String.init) ?? path) + ".record"
    }

    /// Every readable record, with the files that could not be read.
    public func records() -> (records: [DeliveryRecord], unreadable: [String]) {
        guard let entries = try? FileSystem.list(path: directory) else { return ([], []) }
        var records: [DeliveryRecord] = []
        var unreadable: [String] = []
        for entry in entries where entry.kind == .file && entry.name.hasSuffix(".record") {
            let path = directory + "/" + entry.name
            if let data = try? FileSystem.readRegularFile(path: path, limit: 65536),
                let record = DeliveryRecord.parse(String(decoding: data, as: UTF8.self))
            {
                records.append(record)
            } else {
                unreadable.append(path)
            }
        }
        return (records.sorted { $0.path < $1.path }, unreadable)
    }

    /// Writes the record durably (temporary file, fsync, rename, fsync of the folder).
    public func write(_ record: DeliveryRecord) throws(ReclamError) {
        let path = file(for: record.path)
        let temporary = path + ".tmp"
        let data = Array(record.rendered().utf8)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { throw .io("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < data.count {
            let count = data[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                close(fd)
                throw .io("cannot write \(temporary): \(String(cString: strerror(errno)))")
            }
            offset += count
        }
        if fsync(fd) != 0 {
            close(fd)
            throw .io("cannot sync \(temporary): \(String(cString: strerror(errno)))")
        }
        close(fd)
        if rename(temporary, path) != 0 { throw .io("cannot rename \(temporary): \(String(cString: strerror(errno)))") }
        syncDirectory()
    }

    public func remove(_ record: DeliveryRecord) {
        unlink(file(for: record.path))
        syncDirectory()
    }

    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
