import CGMime
import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// An email as intake needs it, read by GMime: decoded headers, the text, the attachments.
public struct IncomingMail: Sendable {
    /// The Message-ID without its angle brackets, exactly as GMime decoded it.
    public var messageID: String?
    /// The decoded subject (RFC 2047), on one line.
    public var subject: String?
    /// The Date header as written, and the instant it names (nil when absent or unparsable).
    public var dateHeader: String?
    public var date: Date?
    /// The first mailbox of From.
    public var senderAddress: String?
    public var senderName: String?
    /// The text of the message: its text/plain part, or its HTML part converted to text.
    public var body: String
    public var bodyFromHTML: Bool
    /// The subject and text of each message attached to this one (a forwarded complaint).
    public var attachedMessages: [(subject: String?, text: String)]
    public var attachments: [IncomingAttachment]
    /// What was wrong with the message that did not stop the intake (the case's
    /// `intake_warnings`): parser findings, a missing sender, text its charset cannot read.
    public var warnings: [MailIssue]
    /// How many MIME entities the message holds, and how deep they nest.
    public var partCount: Int
    public var depth: Int
    /// The message as it arrived, kept beside the case (`original.eml`) when it had warnings.
    public var original = Data()
}

public struct IncomingAttachment: Sendable {
    /// The file name the sender gave (decoded from RFC 2231 or RFC 2047), not yet sanitised.
    public var name: String?
    /// `type/subtype`, lowercased.
    public var contentType: String
    /// The decoded content (base64 and quoted-printable undone).
    public var data: Data
}

/// Limits that protect the ledger and the tool from hostile or broken mail.
public struct IncomingMailLimits: Sendable {
    public var maximumSize: Int
    public var maximumParts: Int
    public var maximumDepth: Int

    public static let defaultMaximumSize = 25 << 20

    public init(maximumSize: Int = defaultMaximumSize, maximumParts: Int = 100, maximumDepth: Int = 10) {
        self.maximumSize = maximumSize
        self.maximumParts = maximumParts
        self.maximumDepth = maximumDepth
    }
}

/// Why a message cannot be taken in.
public struct IncomingMailRefusal: Error, Sendable, CustomStringConvertible {
    public var reason: MailIssue
    public init(_ reason: MailIssue) { self.reason = reason }
    public var description: String { reason.text(Messages(.en)) }
}

/// What the mail reader found wrong with a message: a refusal, or a warning when the message
/// is taken in nevertheless. Worded in the ledger's language by `text(_:)`; what is quoted
/// from the message (`item`) stays as it is.
public enum MailIssue: Sendable, Hashable {
    case tooLarge(bytes: Int, limit: Int)
    case empty, noMemory, noParser, notAMessage, noMessageHeaders, mimeBomb
    case tooManyParts(limit: Int)
    case tooDeep(limit: Int)
    case duplicatedHeader(String?)
    case duplicatedParameter(String?)
    case invalidContentType(String?)
    case invalidEncodedWords(String?)
    case invalidParameter(String?)
    case invalidAddressList(String?)
    case notAHeader(String?)
    case conflictingHeaders(String?)
    case conflictingParameters(String?)
    case noParts, truncated, malformed, noBoundary, partWithoutContent, partWithoutHeadersOrContent, undecodedSubject, noSender
    case unknownTransferEncoding(String)
    case notUTF8
    case undecodableCharset(String, fallback: String)

    public func text(_ m: Messages) -> String {
        func named(_ key: Messages.Key, _ item: String?) -> String { m.format(key, item.map { " '\($0)'" } ?? "") }
        switch self {
        case .tooLarge(let bytes, let limit): return m.format(.mailTooLarge, String(bytes), String(limit))
        case .empty: return m[.mailEmpty]
        case .noMemory: return m[.mailNoMemory]
        case .noParser: return m[.mailNoParser]
        case .notAMessage: return m[.mailNotAMessage]
        case .noMessageHeaders: return m[.mailNoMessageHeaders]
        case .mimeBomb: return m[.mailMIMEBomb]
        case .tooManyParts(let limit): return m.format(.mailTooManyParts, String(limit))
        case .tooDeep(let limit): return m.format(.mailTooDeep, String(limit))
        case .duplicatedHeader(let item): return named(.mailDuplicatedHeader, item)
        case .duplicatedParameter(let item): return named(.mailDuplicatedParameter, item)
        case .invalidContentType(let item): return named(.mailInvalidContentType, item)
        case .invalidEncodedWords(let item): return named(.mailInvalidEncodedWords, item)
        case .invalidParameter(let item): return named(.mailInvalidParameter, item)
        case .invalidAddressList(let item): return named(.mailInvalidAddressList, item)
        case .notAHeader(let item): return m.format(.mailNotAHeader, item.map { m[.colon] + "'\($0)'" } ?? "")
        case .conflictingHeaders(let item): return m.format(.mailConflictingHeaders, item.map { " \($0)" } ?? "")
        case .conflictingParameters(let item): return named(.mailConflictingParameters, item)
        case .noParts: return m[.mailNoParts]
        case .truncated: return m[.mailTruncated]
        case .malformed: return m[.mailMalformed]
        case .noBoundary: return m[.mailNoBoundary]
        case .partWithoutContent: return m[.mailPartWithoutContent]
        case .partWithoutHeadersOrContent: return m[.mailPartWithoutHeadersOrContent]
        case .undecodedSubject: return m[.mailUndecodedSubject]
        case .noSender: return m[.mailNoSender]
        case .unknownTransferEncoding(let name): return m.format(.mailUnknownEncoding, name)
        case .notUTF8: return m[.mailNotUTF8]
        case .undecodableCharset(let charset, let fallback): return m.format(.mailUndecodableCharset, charset, fallback)
        }
    }
}

/// Reads a message with GMime and turns it into a `IncomingMail`, refusing what is malformed or
/// over the limits. All GMime objects live and die inside `read`.
public enum IncomingMailReader {
    private static let initialised: Bool = {
        g_mime_init()
        return true
    }()

    static func initialise() { _ = initialised }

    /// Parser findings that refuse a message: an attempt to exploit MIME parsers (a bomb).
    /// Everything else a mail program would still show, so it is taken in, with a warning.
    static func refusal(for code: UInt32, item: String?) -> MailIssue? {
        switch code {
        case GMIME_CRIT_NESTING_OVERFLOW.rawValue: return .mimeBomb
        default: return nil
        }
    }

    /// Collects the parser's warnings; reached from C through the callback's user data.
    final class WarningBox {
        var refusals: [MailIssue] = []
        var warnings: [MailIssue] = []
    }

    /// What GMime found wrong with a message that is nevertheless taken in: each becomes a line
    /// of the case's `intake_warnings`. Unencoded 8-bit headers are not listed: RFC 6532
    /// allows UTF-8 headers, and text in another charset is decoded as mail programs do.
    static func warning(for code: UInt32, item: String?) -> MailIssue? {
        switch code {
        case GMIME_WARN_DUPLICATED_HEADER.rawValue: return .duplicatedHeader(item)
        case GMIME_WARN_DUPLICATED_PARAMETER.rawValue: return .duplicatedParameter(item)
        case GMIME_WARN_INVALID_CONTENT_TYPE.rawValue: return .invalidContentType(item)
        case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE.rawValue: return .invalidEncodedWords(item)
        case GMIME_WARN_INVALID_PARAMETER.rawValue: return .invalidParameter(item)
        case GMIME_WARN_MALFORMED_MULTIPART.rawValue: return .noParts
        case GMIME_WARN_TRUNCATED_MESSAGE.rawValue: return .truncated
        case GMIME_WARN_MALFORMED_MESSAGE.rawValue: return .malformed
        case GMIME_WARN_INVALID_ADDRESS_LIST.rawValue: return .invalidAddressList(item)
        case GMIME_CRIT_INVALID_HEADER_NAME.rawValue: return .notAHeader(item)
        case GMIME_CRIT_CONFLICTING_HEADER.rawValue: return .conflictingHeaders(item)
        case GMIME_CRIT_CONFLICTING_PARAMETER.rawValue: return .conflictingParameters(item)
        case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY.rawValue: return .noBoundary
        case GMIME_WARN_PART_WITHOUT_CONTENT.rawValue: return .partWithoutContent
        case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT.rawValue: return .partWithoutHeadersOrContent
        default: return nil
        }
    }

    /// Headers of which a message has at least one: a file without any is not a message.
    static let messageHeaders = [
        "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "Received", "Return-Path", "In-Reply-To", "References",
    ]

    public static func read(_ input: Data, limits: IncomingMailLimits = IncomingMailLimits()) throws(IncomingMailRefusal) -> IncomingMail {
        initialise()
        if input.count > limits.maximumSize {
            throw IncomingMailRefusal(.tooLarge(bytes: input.count, limit: limits.maximumSize))
        }
        var bytes = [UInt8](input)
        // An mbox "From " line before the headers (some .eml exports keep it) is not a header.
        if bytes.starts(with: Array("From ".utf8)) {
            let end = bytes.firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            bytes.removeFirst(end)
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw IncomingMailRefusal(.empty)
        }
        let box = WarningBox()
        let options = g_mime_parser_options_new()
        defer { g_mime_parser_options_free(options) }
        reclam_gmime_set_fallback_charsets(options)
        g_mime_parser_options_set_warning_callback(
            options,
            { _, code, item, userData in
                guard let userData else { return }
                let box = Unmanaged<WarningBox>.fromOpaque(userData).takeUnretainedValue()
                // The item is raw bytes from the message: shown cleaned, on one line, short.
                let shown = item.map { pointer -> String in
                    let bytes = UnsafeBufferPointer(
                        start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
                    let text = TextDecoding.oneLine(TextDecoding.guess(Array(bytes)).text)
                    return text.count > 40 ? String(text.prefix(40)) + "…" : text
                }
                if let reason = IncomingMailReader.refusal(for: code.rawValue, item: shown) {
                    box.refusals.append(reason)
                } else if let warning = IncomingMailReader.warning(for: code.rawValue, item: shown) {
                    box.warnings.append(warning)
                }
            }, Unmanaged.passUnretained(box).toOpaque())
        let stream = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                g_mime_stream_mem_new_with_buffer($0, buffer.count)
            }
        }
        guard let stream else { throw IncomingMailRefusal(.noMemory) }
        let parser = g_mime_parser_new_with_stream(stream)
        g_object_unref(stream)
        guard let parser else { throw IncomingMailRefusal(.noParser) }
        defer { g_object_unref(parser) }
        let message = g_mime_parser_construct_message(parser, options)
        guard let message else {
            throw IncomingMailRefusal(box.refusals.first ?? .notAMessage)
        }
        defer { g_object_unref(message) }
        if let first = box.refusals.first { throw IncomingMailRefusal(first) }
        let object = reclam_gmime_message_object(message)
        guard messageHeaders.contains(where: { g_mime_object_get_header(object, $0) != nil }) else {
            throw IncomingMailRefusal(.noMessageHeaders)
        }
        var mail = try extract(message, limits: limits)
        var seen = Set<MailIssue>()
        mail.warnings = (box.warnings + mail.warnings).filter { seen.insert($0).inserted }
        mail.original = input
        return mail
    }

    static func extract(_ message: UnsafeMutablePointer<GMimeMessage>, limits: IncomingMailLimits) throws(IncomingMailRefusal)
        -> IncomingMail
    {
        let object = reclam_gmime_message_object(message)
        let from = sender(of: message)
        var walker = Walker(limits: limits)
        if let root = g_mime_message_get_mime_part(message) {
            try walker.visit(root, depth: 1, role: .content)
        }
        let dateHeader = string(g_mime_object_get_header(object, "Date"))
        var date: Date?
        if let parsed = g_mime_message_get_date(message) {
            date = Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(parsed)))
        }
        let body = walker.bodyTexts.joined(separator: "\n\n")
        let subject = string(g_mime_message_get_subject(message)).map(TextDecoding.oneLine)
        // GMime decodes the encoded words it can; what is left looks like one and was not.
        if let subject, subject.contains(/=\?[^?\s]+\?[BbQq]\?/) {
            walker.warnings.append(.undecodedSubject)
        }
        let messageID = string(g_mime_message_get_message_id(message)).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t\r\n"))
        }
        return IncomingMail(
            messageID: messageID?.isEmpty == false ? messageID : nil,
            subject: subject,
            dateHeader: dateHeader.map(TextDecoding.oneLine), date: date, senderAddress: from?.address, senderName: from?.name,
            body: body, bodyFromHTML: walker.bodyFromHTML, attachedMessages: walker.attachedMessages, attachments: walker.attachments,
            warnings: walker.warnings + (from == nil ? [noSender] : []),
            partCount: walker.parts, depth: walker.maximumDepthSeen)
    }

    static let noSender = MailIssue.noSender

    /// The first mailbox of From (inside a group if need be).
    static func sender(of message: UnsafeMutablePointer<GMimeMessage>) -> (address: String, name: String?)? {
        guard let list = g_mime_message_get_from(message) else { return nil }
        return firstMailbox(in: list)
    }

    static func firstMailbox(in list: UnsafeMutablePointer<InternetAddressList>) -> (address: String, name: String?)? {
        for index in 0..<internet_address_list_length(list) {
            guard let address = internet_address_list_get_address(list, index) else { continue }
            if let mailbox = reclam_gmime_as_mailbox(address), let addr = string(internet_address_mailbox_get_addr(mailbox)) {
                let trimmed = addr.trimmingCharacters(in: .whitespaces)
                guard trimmed.contains("@"), !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else { continue }
                let name = string(internet_address_get_name(address)).map(TextDecoding.oneLine)
                return (trimmed, name?.isEmpty == false ? name : nil)
            }
            if let group = reclam_gmime_as_group(address), let members = internet_address_group_get_members(group),
                let found = firstMailbox(in: members)
            {
                return found
            }
        }
        return nil
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// The decoded content of a leaf part (transfer encoding undone).
    static func content(of part: UnsafeMutablePointer<GMimePart>) -> [UInt8] {
        guard let wrapper = g_mime_part_get_content(part) else { return [] }
        guard let stream = g_mime_stream_mem_new() else { return [] }
        defer { g_object_unref(stream) }
        _ = g_mime_data_wrapper_write_to_stream(wrapper, stream)
        return bytes(of: stream)
    }

    /// A whole MIME object (an attached message) as bytes.
    static func serialised(_ object: UnsafeMutablePointer<GMimeObject>) -> [UInt8] {
        guard let stream = g_mime_stream_mem_new() else { return [] }
        defer { g_object_unref(stream) }
        _ = g_mime_object_write_to_stream(object, nil, stream)
        return bytes(of: stream)
    }

    static func bytes(of stream: UnsafeMutablePointer<GMimeStream>) -> [UInt8] {
        guard let memory = reclam_gmime_as_stream_mem(stream), let array = g_mime_stream_mem_get_byte_array(memory),
            let data = array.pointee.data
        else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(array.pointee.len)))
    }

    /// The media type of an object, lowercased: ("text", "plain").
    static func mediaType(of object: UnsafeMutablePointer<GMimeObject>) -> (type: String, subtype: String) {
        guard let type = g_mime_object_get_content_type(object) else { return ("text", "plain") }
        let major = string(g_mime_content_type_get_media_type(type))?.lowercased() ?? "text"
        let minor = string(g_mime_content_type_get_media_subtype(type))?.lowercased() ?? "plain"
        return (major, minor)
    }

    /// Walks the MIME tree, counting entities and depth, choosing the text and collecting files.
    struct Walker {
        enum Role {
            /// Text parts are the message's text; other leaves are attachments.
            case content
            /// Inside an attached message: its text is kept aside, its files are in the .eml.
            case nested
            /// A part not used (another alternative, a signature): counted only.
            case ignored
        }

        static let noParts = MailIssue.noParts

        let limits: IncomingMailLimits
        var parts = 0
        var maximumDepthSeen = 0
        var bodyTexts: [String] = []
        var bodyFromHTML = false
        /// Texts of the attached message being walked, keyed by its position in `attachedMessages`.
        var attachedMessages: [(subject: String?, text: String)] = []
        var currentAttached: Int?
        var attachments: [IncomingAttachment] = []
        var warnings: [MailIssue] = []

        init(limits: IncomingMailLimits) { self.limits = limits }

        mutating func visit(_ object: UnsafeMutablePointer<GMimeObject>, depth: Int, role: Role) throws(IncomingMailRefusal) {
            parts += 1
            maximumDepthSeen = max(maximumDepthSeen, depth)
            if parts > limits.maximumParts {
                throw IncomingMailRefusal(.tooManyParts(limit: limits.maximumParts))
            }
            if depth > limits.maximumDepth {
                throw IncomingMailRefusal(.tooDeep(limit: limits.maximumDepth))
            }
            if let multipart = reclam_gmime_as_multipart(object) {
                try visit(multipart: multipart, object: object, depth: depth, role: role)
            } else if let messagePart = reclam_gmime_as_message_part(object) {
                try visit(messagePart: messagePart, object: object, depth: depth, role: role)
            } else if let part = reclam_gmime_as_part(object) {
                visit(part: part, object: object, role: role)
            }
        }

        mutating func visit(
            multipart: UnsafeMutablePointer<GMimeMultipart>, object: UnsafeMutablePointer<GMimeObject>, depth: Int, role: Role
        ) throws(IncomingMailRefusal) {
            let count = Int(g_mime_multipart_get_count(multipart))
            let children = (0..<count).compactMap { g_mime_multipart_get_part(multipart, Int32($0)) }
            if children.isEmpty {
                // No parts (no boundary, or none used): what a mail program shows is the text
                // before the boundary, which is then the only text there is.
                warnings.append(Walker.noParts)
                if role != .ignored, let prologue = g_mime_multipart_get_prologue(multipart) {
                    let bytes = UnsafeBufferPointer(
                        start: UnsafeRawPointer(prologue).assumingMemoryBound(to: UInt8.self), count: strlen(prologue))
                    let text = TextDecoding.decode(Array(bytes), charset: nil).text
                    addText(text, html: false, role: role)
                }
                return
            }
            let subtype = IncomingMailReader.mediaType(of: object).subtype
            switch subtype {
            case "alternative":
                let chosen = role == .ignored ? nil : bestAlternative(children)
                for (index, child) in children.enumerated() {
                    try visit(child, depth: depth + 1, role: index == chosen ? role : .ignored)
                }
            case "signed":
                for (index, child) in children.enumerated() {
                    try visit(child, depth: depth + 1, role: index == 0 ? role : .ignored)
                }
            default:
                for child in children { try visit(child, depth: depth + 1, role: role) }
            }
        }

        /// The alternative to read: text/plain with some text, else a nested multipart (which
        /// holds an HTML body with its images), else text/html, else the last one.
        func bestAlternative(_ children: [UnsafeMutablePointer<GMimeObject>]) -> Int? {
            guard !children.isEmpty else { return nil }
            var plain: Int?
            var multipart: Int?
            var html: Int?
            for (index, child) in children.enumerated() {
                let (type, subtype) = IncomingMailReader.mediaType(of: child)
                if type == "text" && subtype == "plain" && plain == nil, let part = reclam_gmime_as_part(child) {
                    let text = String(decoding: IncomingMailReader.content(of: part), as: UTF8.self)
                    if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { plain = index }
                } else if type == "multipart" && multipart == nil {
                    multipart = index
                } else if type == "text" && subtype == "html" && html == nil {
                    html = index
                }
            }
            return plain ?? multipart ?? html ?? children.count - 1
        }

        mutating func visit(
            messagePart: UnsafeMutablePointer<GMimeMessagePart>, object: UnsafeMutablePointer<GMimeObject>, depth: Int, role: Role
        ) throws(IncomingMailRefusal) {
            guard let inner = g_mime_message_part_get_message(messagePart) else { return }
            let subject = IncomingMailReader.string(g_mime_message_get_subject(inner)).map(TextDecoding.oneLine)
            if role == .content {
                let filename = IncomingMailReader.string(g_mime_part_get_filename_of(object))
                let name = filename ?? subject.map { "\($0).eml" }
                let data = IncomingMailReader.serialised(reclam_gmime_message_object(inner))
                attachments.append(IncomingAttachment(name: name, contentType: "message/rfc822", data: Data(data)))
            }
            guard let root = g_mime_message_get_mime_part(inner) else { return }
            if role == .ignored {
                try visit(root, depth: depth + 1, role: .ignored)
                return
            }
            // A message inside an attached message adds its text to the outer attached one.
            let outer = currentAttached
            if outer == nil {
                attachedMessages.append((subject, ""))
                currentAttached = attachedMessages.count - 1
            }
            try visit(root, depth: depth + 1, role: .nested)
            currentAttached = outer
        }

        /// A text of the message (`content`) or of the attached message being walked (`nested`).
        mutating func addText(_ text: String, html: Bool, role: Role) {
            if role == .content {
                bodyTexts.append(text)
                if html { bodyFromHTML = true }
            } else if role == .nested, let current = currentAttached {
                let previous = attachedMessages[current].text
                attachedMessages[current].text = previous.isEmpty ? text : previous + "\n\n" + text
            }
        }

        mutating func visit(part: UnsafeMutablePointer<GMimePart>, object: UnsafeMutablePointer<GMimeObject>, role: Role) {
            if role == .ignored { return }
            var (type, subtype) = IncomingMailReader.mediaType(of: object)
            // RFC 2045 §5.2: a Content-Type that cannot be read is taken as plain text.
            if let raw = IncomingMailReader.string(g_mime_object_get_header(object, "Content-Type")), !raw.contains("/") {
                (type, subtype) = ("text", "plain")
            }
            if let raw = IncomingMailReader.string(g_mime_object_get_header(object, "Content-Transfer-Encoding")),
                g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_DEFAULT
            {
                warnings.append(.unknownTransferEncoding(String(TextDecoding.oneLine(raw).prefix(40))))
            }
            let filename = IncomingMailReader.string(g_mime_part_get_filename(part))
            let disposition = IncomingMailReader.string(g_mime_object_get_disposition(object))?.lowercased()
            let isText = type == "text" && (subtype == "plain" || subtype == "html")
            if isText && filename == nil && disposition != "attachment" {
                let bytes = IncomingMailReader.content(of: part)
                var charset = IncomingMailReader.string(g_mime_object_get_content_type_parameter(object, "charset"))
                if subtype == "html" && charset == nil { charset = HTMLText.declaredCharset(bytes) }
                let decoded = TextDecoding.decode(bytes, charset: charset)
                if let warning = decoded.warning { warnings.append(warning) }
                let text = subtype == "html" ? HTMLText.text(decoded.text) : decoded.text
                addText(text, html: subtype == "html", role: role)
                return
            }
            guard role == .content else { return }
            if type == "application" && (subtype == "pgp-signature" || subtype == "pkcs7-signature" || subtype == "x-pkcs7-signature") {
                return
            }
            let data = IncomingMailReader.content(of: part)
            attachments.append(IncomingAttachment(name: filename, contentType: "\(type)/\(subtype)", data: Data(data)))
        }
    }
}

/// The `filename` parameter of any MIME object (GMime's own accessor takes a leaf part only).
private func g_mime_part_get_filename_of(_ object: UnsafeMutablePointer<GMimeObject>) -> UnsafePointer<CChar>? {
    g_mime_object_get_content_disposition_parameter(object, "filename") ?? g_mime_object_get_content_type_parameter(object, "name")
}
