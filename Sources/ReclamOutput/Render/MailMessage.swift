import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// An RFC 5322 message ready to send: UTF-8 body in quoted-printable, non-ASCII headers as
/// RFC 2047 encoded words, CRLF line endings, lines under 78 characters.
public struct MailMessage: Sendable {
    public struct Address: Sendable {
        public var name: String?
        public var email: String

        public init(name: String? = nil, email: String) {
            self.name = name
            self.email = email
        }
    }

    public var from: Address
    public var to: [Address]
    public var subject: String
    public var body: String
    public var date: Date
    public var timeZone: TimeZone
    public var messageID: String
    public var inReplyTo: String?

    public init(
        from: Address, to: [Address], subject: String, body: String, date: Date, timeZone: TimeZone, messageID: String,
        inReplyTo: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.inReplyTo = inReplyTo
    }

    /// `<reclam.<case>.<time>.<random>@<domain>>`: unique without a registry.
    public static func makeID(caseID: String, date: Date, domain: String) -> String {
        let random = (0..<8).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
        let safeDomain = domain.isEmpty ? "reclam.invalid" : domain
        return "reclam.\(caseID).\(Int(date.timeIntervalSince1970)).\(random)@\(safeDomain)"
    }

    public func rendered() -> String {
        var headers: [String] = []
        headers.append("From: " + MailMessage.address(from))
        if !to.isEmpty { headers.append("To: " + to.map(MailMessage.address).joined(separator: ",\r\n ")) }
        headers.append("Subject: " + MailMessage.encodedWords(subject, firstLineUsed: 9))
        headers.append("Date: " + MailMessage.rfc5322Date(date, timeZone: timeZone))
        headers.append("Message-ID: <\(messageID)>")
        if let inReplyTo {
            headers.append("In-Reply-To: <\(inReplyTo)>")
            headers.append("References: <\(inReplyTo)>")
        }
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=UTF-8")
        headers.append("Content-Transfer-Encoding: quoted-printable")
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + MailMessage.quotedPrintable(body)
    }

    static func address(_ address: Address) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.email)>" }
        let isPlainASCII = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 } && !name.contains("\"") && !name.contains("\\")
        if isPlainASCII { return "\"\(name)\" <\(address.email)>" }
        return encodedWords(name, firstLineUsed: 6) + " <\(address.email)>"
    }

    /// RFC 2047 B-encoded words of at most 75 characters, folded onto continuation lines.
    static func encodedWords(_ text: String, firstLineUsed: Int) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) && text.count + firstLineUsed <= 78
            && !text.contains("=?")
        {
            return text
        }
        // 75 - "=?UTF-8?B?" - "?=" = 63 base64 characters, i.e. at most 45 bytes per word;
        // words are cut between characters so that no word holds half a character.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Quoted-printable (RFC 2045 §6.7) with soft line breaks before 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var out: [String] = []
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                var piece: String
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = String(format: "=%02X", byte)
                }
                if current.count + piece.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += piece
            }
            out.append(current)
        }
        return out.joined(separator: "\r\n") + "\r\n"
    }
}
