import CCurl
import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// SMTP through libcurl: one easy handle for the whole run, so that libcurl keeps the
/// connection open and sends every message over it. TLS is always verified (peer and host name)
/// against the system's certificate authorities, plus `ca_file` when set.
///
/// Every libcurl pointer stays in this file: the handle is owned by this object and freed in
/// `deinit`; callbacks get a pointer to a Swift object that outlives the transfer.
final class CurlSMTPTransport: MailTransport {
    let name = "smtp"
    private let handle: UnsafeMutableRawPointer
    private let url: String
    private let settings: MailSettings

    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    init(settings: MailSettings, password: String?) throws(ReclamError) {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw .io(Messages(settings.language)[.mailCurlInit])
        }
        self.handle = handle
        self.settings = settings
        let scheme = settings.security == .tls ? "smtps" : "smtp"
        var host = settings.host ?? "localhost"
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        // The path of an smtp URL is the name libcurl gives in EHLO: the sender's domain.
        let helo = settings.from.email.split(separator: "@").last.map(String.init) ?? "localhost"
        url = "\(scheme)://\(host):\(settings.port)/\(helo)"
        var problems: [String] = []
        func set(_ option: CURLoption, _ value: Int) {
            if reclam_curl_setopt_long(handle, option, value) != CURLE_OK { problems.append("option \(option.rawValue)") }
        }
        func set(_ option: CURLoption, _ value: String) {
            if reclam_curl_setopt_string(handle, option, value) != CURLE_OK { problems.append("option \(option.rawValue)") }
        }
        set(CURLOPT_URL, url)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_UPLOAD, 1)
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        switch settings.security {
        case .starttls: set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .tls: set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .none: set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        }
        if let caFile = settings.caFile { set(CURLOPT_CAINFO, caFile) }
        if let user = settings.user {
            set(CURLOPT_USERNAME, user)
            if let password { set(CURLOPT_PASSWORD, password) }
        }
        set(CURLOPT_CONNECTTIMEOUT, settings.timeout)
        // A server that stops answering (after DATA, say) is given up after `timeout` seconds.
        set(CURLOPT_SERVER_RESPONSE_TIMEOUT, settings.timeout)
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, settings.timeout)
        // The debug function is how libcurl shows the server's replies (the queue id of the
        // final 250 is worth keeping); it needs VERBOSE, and writes nothing itself.
        set(CURLOPT_VERBOSE, 1)
        if reclam_curl_set_debug_function(handle, curlDebug) != CURLE_OK { problems.append("debug function") }
        if reclam_curl_set_read_function(handle, curlRead) != CURLE_OK { problems.append("read function") }
        if !problems.isEmpty {
            curl_easy_cleanup(handle)
            throw .io(Messages(settings.language).format(.mailCurlSettings, problems.joined(separator: ", ")))
        }
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// New connections libcurl opened, summed over the transfers.
    private(set) var connections = 0

    func deliver(_ message: Data, envelope: Envelope, atEndOfData: () -> Bool) -> DeliveryResult {
        withoutActuallyEscaping(atEndOfData) { atEnd in
            let transfer = Transfer(data: CurlSMTPTransport.crlf(message), atEnd: atEnd)
            let context = Unmanaged.passRetained(transfer)
            defer { context.release() }
            var recipients: UnsafeMutablePointer<curl_slist>?
            for address in envelope.recipients {
                guard let appended = curl_slist_append(recipients, "<\(address)>") else {
                    curl_slist_free_all(recipients)
                    return .deferred(reason: .outOfMemory, stopRun: true)
                }
                recipients = appended
            }
            defer {
                // The handle keeps the list pointer: unset it before freeing the list.
                _ = reclam_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)
                _ = reclam_curl_setopt_pointer(handle, CURLOPT_READDATA, nil)
                _ = reclam_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, nil)
                curl_slist_free_all(recipients)
            }
            _ = reclam_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(envelope.sender)>")
            _ = reclam_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
            _ = reclam_curl_setopt_pointer(handle, CURLOPT_READDATA, context.toOpaque())
            _ = reclam_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context.toOpaque())
            let code = curl_easy_perform(handle)
            var connects = 0
            _ = reclam_curl_num_connects(handle, &connects)
            connections += connects
            return classify(code, transfer: transfer)
        }
    }

    private func classify(_ code: CURLcode, transfer: Transfer) -> DeliveryResult {
        // The answer that failed the transfer: the last 4xx or 5xx (libcurl says QUIT after it).
        let failing = transfer.exchanges.last { (Int($0.reply.prefix(3)) ?? 0) >= 400 }
        let lastReply = failing?.reply ?? transfer.replies.last ?? ""
        let replyCode = Int(lastReply.prefix(3)) ?? 0
        let what = String(cString: curl_easy_strerror(code))
        if code == CURLE_OK {
            return .accepted(reply: transfer.repliesAfterEnd.last ?? lastReply)
        }
        if transfer.endReached {
            guard let reply = transfer.repliesAfterEnd.last else {
                return .inDoubt(reason: .noAnswerAfterData(what: what))
            }
            let replyCode = Int(reply.prefix(3)) ?? 0
            if (500...599).contains(replyCode) { return .refused(reply: reply) }
            if (400...499).contains(replyCode) { return .deferred(reason: .answered(reply: reply), stopRun: replyCode == 421) }
            return .inDoubt(reason: .answeredAfterData(reply: reply, what: what))
        }
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .deferred(reason: .cannotConnect(url: url, what: what), stopRun: true)
        case CURLE_OPERATION_TIMEDOUT:
            return .deferred(reason: .timeout(url: url, seconds: settings.timeout, what: what), stopRun: true)
        case CURLE_LOGIN_DENIED:
            return .deferred(reason: .loginOfUserRefused(reply: lastReply), stopRun: true)
        case CURLE_USE_SSL_FAILED:
            return .deferred(reason: .noSTARTTLS(what: what), stopRun: true)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return .deferred(reason: .tlsFailed(url: url, what: what), stopRun: true)
        default: break
        }
        let command = failing?.command ?? transfer.lastCommand
        if (500...599).contains(replyCode) {
            switch command {
            case "RCPT", "DATA":
                return .refused(reply: lastReply)
            case "MAIL" where replyCode == 552:
                return .refused(reply: lastReply)
            case "MAIL":
                return .deferred(reason: .senderRefused(sender: settings.from.email, reply: lastReply), stopRun: true)
            case "AUTH":
                return .deferred(reason: .loginRefused(reply: lastReply), stopRun: true)
            default:
                return .deferred(reason: .answeredTo(reply: lastReply, command: command), stopRun: true)
            }
        }
        if (400...499).contains(replyCode) {
            return .deferred(reason: .answered(reply: lastReply), stopRun: replyCode == 421 || command == nil || command == "EHLO")
        }
        return .deferred(reason: .other(what: what, lastReply: lastReply), stopRun: false)
    }

    /// A message with bare LF line ends (edited by hand) gets CRLF, as SMTP requires.
    static func crlf(_ data: Data) -> Data {
        guard data.contains(0x0A) else { return data }
        var out = Data()
        out.reserveCapacity(data.count + data.count / 40)
        var previous: UInt8 = 0
        for byte in data {
            if byte == 0x0A && previous != 0x0D { out.append(0x0D) }
            out.append(byte)
            previous = byte
        }
        return out
    }
}

/// The state of one transfer, reached from libcurl's callbacks through their user-data pointer.
private final class Transfer {
    let data: Data
    var offset = 0
    let atEnd: () -> Bool
    var endReached = false
    /// Server reply lines, in order, and those after the end of the message.
    var replies: [String] = []
    /// Each reply with the verb of the command it answers (nil for the greeting).
    var exchanges: [(command: String?, reply: String)] = []
    var repliesAfterEnd: [String] = []
    /// The verb of the last command sent (never its arguments: AUTH carries credentials).
    var lastCommand: String?

    init(data: Data, atEnd: @escaping () -> Bool) {
        self.data = data
        self.atEnd = atEnd
    }

    static let verbs: Set<String> = ["EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "QUIT", "NOOP", "VRFY"]
}

private func curlRead(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let userdata else { return Int(CURL_READFUNC_ABORT) }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    let remaining = transfer.data.count - transfer.offset
    if remaining == 0 {
        if !transfer.endReached {
            transfer.endReached = true
            if !transfer.atEnd() { return Int(CURL_READFUNC_ABORT) }
        }
        return 0
    }
    let length = min(size * count, remaining)
    transfer.data.withUnsafeBytes { raw in
        let source = raw.baseAddress!.advanced(by: transfer.offset).assumingMemoryBound(to: CChar.self)
        buffer.update(from: source, count: length)
    }
    transfer.offset += length
    return length
}

private func curlDebug(
    _ handle: UnsafeMutableRawPointer?, _ type: curl_infotype, _ data: UnsafeMutablePointer<CChar>?, _ size: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int32 {
    guard let userdata, let data, type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if type == CURLINFO_HEADER_OUT {
        let word = String(decoding: bytes.prefix(10), as: UTF8.self).prefix { $0.isLetter }.uppercased()
        if Transfer.verbs.contains(word) { transfer.lastCommand = word }
        return 0
    }
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(whereSeparator: \.isNewline) {
        let clean = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(300).map(Character.init))
        if clean.isEmpty { continue }
        transfer.replies.append(clean)
        transfer.exchanges.append((transfer.lastCommand, clean))
        if transfer.endReached { transfer.repliesAfterEnd.append(clean) }
    }
    return 0
}
