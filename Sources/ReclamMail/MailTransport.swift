import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// Who a message goes from and to, for the SMTP dialogue (the headers are not read again).
public struct Envelope: Sendable {
    public var sender: String
    public var recipients: [String]

    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }
}

/// What became of one message.
public enum DeliveryResult: Sendable, Equatable {
    /// The server took responsibility for the message; `reply` is its answer (e.g. `250 2.0.0 Ok: queued as 4F2`).
    case accepted(reply: String)
    /// The server refused the message or a recipient for good (5xx): sending it again would fail the same way.
    case refused(reply: String)
    /// Not sent; sending later may work (4xx, connection refused, timeout). With `stopRun`,
    /// the server itself is unusable (unreachable, TLS or login refused): the other messages wait too.
    case deferred(reason: DeliveryProblem, stopRun: Bool)
    /// The whole message was handed over but no answer came back: the server may have it.
    /// Sending it again could deliver it twice, so Reclam does not without being told.
    case inDoubt(reason: DeliveryProblem)
}

/// A way of handing messages over: SMTP through libcurl, or a sendmail command.
public protocol MailTransport: AnyObject {
    /// A word for records and messages: `smtp` or `sendmail`.
    var name: String { get }

    /// Delivers one message. `atEndOfData` is called once the last byte has been handed over
    /// and before the transport can learn whether the server accepted it; it records that the
    /// message may now be delivered, and returning false aborts the delivery.
    func deliver(_ message: Data, envelope: Envelope, atEndOfData: () -> Bool) -> DeliveryResult

    /// How many connections were opened so far (SMTP), for the report and the tests.
    var connections: Int { get }
}

/// Transports made from the ledger's settings.
/// Why a message did not leave, or may have left: worded in the ledger's language by
/// `text(_:)`. The server's replies and libcurl's or the command's own messages (`what`,
/// `reply`, `output`) are quoted as they are.
public enum DeliveryProblem: Sendable, Equatable {
    case outOfMemory
    case noAnswerAfterData(what: String)
    case answeredAfterData(reply: String, what: String)
    case answered(reply: String)
    case cannotConnect(url: String, what: String)
    case timeout(url: String, seconds: Int, what: String)
    case loginOfUserRefused(reply: String)
    case noSTARTTLS(what: String)
    case tlsFailed(url: String, what: String)
    case senderRefused(sender: String, reply: String)
    case loginRefused(reply: String)
    /// A 5xx answer to a command (nil: the greeting).
    case answeredTo(reply: String, command: String?)
    case other(what: String, lastReply: String)
    case sendmailEmpty
    case cannotRun(command: String, what: String)
    case recordNotWritten
    /// The command was killed after mail.timeout; `mayHaveLeft` once the whole message was written.
    case killedAfterTimeout(command: String, seconds: Int, mayHaveLeft: Bool)
    case killedBySignal(command: String, signal: Int32)
    case killed(command: String)
    case exited(command: String, status: Int32, output: String)

    public func text(_ m: Messages) -> String {
        switch self {
        case .outOfMemory: return m[.deliveryOutOfMemory]
        case .noAnswerAfterData(let what): return m.format(.deliveryNoAnswer, what)
        case .answeredAfterData(let reply, let what): return m.format(.deliveryAnsweredAfterData, reply, what)
        case .answered(let reply): return m.format(.deliveryAnswered, reply)
        case .cannotConnect(let url, let what): return m.format(.deliveryCannotConnect, url, what)
        case .timeout(let url, let seconds, let what): return m.format(.deliveryTimeout, url, String(seconds), what)
        case .loginOfUserRefused(let reply): return m.format(.deliveryLoginUser, reply)
        case .noSTARTTLS(let what): return m.format(.deliveryNoSTARTTLS, what)
        case .tlsFailed(let url, let what): return m.format(.deliveryTLS, url, what)
        case .senderRefused(let sender, let reply): return m.format(.deliverySender, sender, reply)
        case .loginRefused(let reply): return m.format(.deliveryLogin, reply)
        case .answeredTo(let reply, let command): return m.format(.deliveryAnsweredTo, reply, command ?? m[.deliveryGreeting])
        case .other(let what, let lastReply):
            return lastReply.isEmpty ? what : m.format(.deliveryOther, what, lastReply)
        case .sendmailEmpty: return m[.deliverySendmailEmpty]
        case .cannotRun(let command, let what): return m.format(.deliveryCannotRun, command, what)
        case .recordNotWritten: return m[.deliveryRecordNotWritten]
        case .killedAfterTimeout(let command, let seconds, let mayHaveLeft):
            return m.format(.deliveryKilledTimeout, command, String(seconds)) + (mayHaveLeft ? m[.deliveryMayHaveLeft] : "")
        case .killedBySignal(let command, let signal): return m.format(.deliveryKilledSignal, command, String(signal))
        case .killed(let command): return m.format(.deliveryKilled, command)
        case .exited(let command, let status, let output):
            return m.format(.deliveryExited, command, String(status)) + (output.isEmpty ? "" : m[.colon] + output)
        }
    }
}

public enum MailTransports {
    /// The transport `mail:` describes. The password comes from `RECLAM_SMTP_PASSWORD` or from
    /// `password_file`, which must lie outside the ledger.
    public static func make(_ settings: MailSettings, ledgerRoot: URL, environment: [String: String]) throws(ReclamError) -> MailTransport {
        switch settings.transport {
        case .sendmail:
            return SendmailTransport(command: settings.sendmail, timeout: settings.timeout)
        case .smtp:
            var password: String?
            if let value = environment[MailSettings.passwordVariable], !value.isEmpty {
                password = value
            } else if let file = settings.passwordFile {
                password = try readPassword(file, ledgerRoot: ledgerRoot, environment: environment, language: settings.language)
            }
            if settings.user != nil && password == nil {
                throw .usage(
                    "mail.user is set but no password: set \(MailSettings.passwordVariable) or mail.password_file (a file outside the repository)"
                )
            }
            return try CurlSMTPTransport(settings: settings, password: password)
        }
    }

    static func readPassword(
        _ file: String, ledgerRoot: URL, environment: [String: String], language: Language = .en
    ) throws(ReclamError) -> String {
        var path = file
        if path.hasPrefix("~/"), let home = environment["HOME"] { path = home + String(path.dropFirst()) }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        let root = ledgerRoot.resolvingSymlinksInPath().standardizedFileURL.path
        if resolved == root || resolved.hasPrefix(root + "/") {
            throw .usage(
                "mail.password_file \(file) is inside the ledger, where it could be committed; move it outside, e.g. /etc/reclam/smtp-password"
            )
        }
        let data: Data
        do { data = try FileSystem.readRegularFile(URL(fileURLWithPath: resolved), limit: 4096) } catch {
            throw .io(Messages(language).format(.mailPasswordFileUnreadable, file, error.message))
        }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        if password.isEmpty { throw .usage("mail.password_file \(file) is empty; write the password on its first line") }
        return password
    }
}
