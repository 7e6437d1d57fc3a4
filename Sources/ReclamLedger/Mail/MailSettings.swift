import Foundation
import ReclamCore
import ReclamGit

/// How `reclam send` delivers the outbox: the `mail:` section of `reclam.yml`.
///
/// The SMTP password is never a setting: it comes from `RECLAM_SMTP_PASSWORD` or from
/// `password_file`, a file outside the repository (reclam.yml is committed).
public struct MailSettings: Sendable {
    public enum Transport: String, Sendable, CaseIterable {
        case smtp
        case sendmail
    }

    public enum Security: String, Sendable, CaseIterable {
        /// Plain connection upgraded with STARTTLS (port 587); refused if the server cannot.
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: only for a server on the loopback interface.
        case none

        public var defaultPort: Int {
            switch self {
            case .starttls: 587
            case .tls: 465
            case .none: 25
            }
        }
    }

    public static let passwordVariable = "RECLAM_SMTP_PASSWORD"
    public static let defaultSendmail = ["/usr/sbin/sendmail", "-t", "-i"]

    /// The sender of every message (the `From:` header of new messages and the envelope sender).
    public var from: MailMessage.Address
    public var transport: Transport
    public var host: String?
    public var port: Int
    public var security: Security
    public var user: String?
    /// An absolute path outside the repository holding the SMTP password (first line).
    public var passwordFile: String?
    /// Extra certificate authorities (PEM) trusted besides the system's, for a private CA.
    public var caFile: String?
    /// The sendmail command and its arguments; the message is written to its standard input.
    public var sendmail: [String]
    /// Seconds allowed for connecting, and for each message.
    public var timeout: Int
    /// The ledger's language, for the transports' errors (the password file unreadable…).
    public var language: Language = .en

    public init(
        from: MailMessage.Address, transport: Transport = .smtp, host: String? = nil, port: Int? = nil, security: Security = .starttls,
        user: String? = nil, passwordFile: String? = nil, caFile: String? = nil, sendmail: [String] = MailSettings.defaultSendmail,
        timeout: Int = 30
    ) {
        self.from = from
        self.transport = transport
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.user = user
        self.passwordFile = passwordFile
        self.caFile = caFile
        self.sendmail = sendmail
        self.timeout = timeout
    }

    /// Whether `host` names this machine's loopback interface (where `security: none` is allowed).
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }
}

/// A member of staff who receives reminders: `people:` in `reclam.yml`.
public struct Person: Sendable, Hashable {
    /// A short handle, used in file names (no personal data in paths).
    public var id: String
    /// The name written in cases' `owner` field.
    public var name: String?
    public var email: String

    public init(id: String, name: String? = nil, email: String) {
        self.id = id
        self.name = name
        self.email = email
    }

    /// Whether a case's `owner` value designates this person (its id or its name, any case).
    public func matches(owner: String) -> Bool {
        let owner = owner.trimmingCharacters(in: .whitespaces)
        if owner.caseInsensitiveCompare(id) == .orderedSame { return true }
        if let name, owner.caseInsensitiveCompare(name) == .orderedSame { return true }
        return false
    }
}

extension MailMessage.Address {
    /// `Name <address>` or a bare address; nil when there is no plausible address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name: String?
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let rawName = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            let unquoted =
                rawName.count >= 2 && rawName.hasPrefix("\"") && rawName.hasSuffix("\"") ? String(rawName.dropFirst().dropLast()) : rawName
            name = unquoted.isEmpty ? nil : unquoted
        }
        guard MailAddressSyntax.isPlausible(address) else { return nil }
        if let name, ActorIdentity.hasControlCharacters(name) { return nil }
        self.init(name: name, email: address)
    }
}

/// The syntax Reclam accepts for an address: `local@domain`, printable ASCII, no space, no
/// angle bracket, comma or quote, a dot-free-or-dotted domain. Not RFC 5321 in full, but enough
/// to refuse typos and header injection.
public enum MailAddressSyntax {
    public static func isPlausible(_ address: String) -> Bool {
        guard address.utf8.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let forbidden = Set("<>,;:\"()[]\\ ")
        guard address.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }), !address.contains(where: forbidden.contains)
        else { return false }
        let domain = parts[1]
        return !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..") && !domain.hasPrefix("-")
    }
}

/// Reads `mail:` and `people:`, reporting problems as `mail-invalid` diagnostics.
enum MailSettingsReader {
    static let rule = Rule.mailInvalid
    static let keys = ["from", "transport", "host", "port", "security", "user", "password_file", "ca_file", "sendmail", "timeout"]

    static func read(_ node: YAMLNode?, reader: inout NodeReader) -> MailSettings? {
        guard let node else { return nil }
        let m = Messages(reader.language)
        guard let pairs = node.pairs else {
            reader.error(rule, m[.mailSettingsMapping], at: node.start)
            return nil
        }
        // A password in reclam.yml makes the settings invalid too: `reclam send` refuses to run.
        let before = reader.diagnostics.filter { $0.severity == .error }.count
        for pair in pairs where !keys.contains(pair.key) {
            if pair.key == "password" || pair.key == "pass" {
                reader.error(rule, m.format(.mailSettingsPassword, MailSettings.passwordVariable), at: pair.keyStart)
                continue
            }
            var message = m.format(.mailSettingsUnknown, pair.key)
            if let s = Suggestion.closest(to: pair.key, in: keys) { message += m.format(.checkDidYouMean, s) }
            reader.warning(.configUnknownKey, message, at: pair.keyStart)
        }
        // A value read as text, then parsed: nil (and a finding naming it) when it does not parse.
        func parsed<T>(_ key: String, _ problem: Messages.Key, required: Bool = false, _ parse: (String) -> T?) -> T? {
            guard let text = reader.text(node, key, required: required, rule: rule) else { return nil }
            if let value = parse(text) { return value }
            reader.error(rule, m.format(problem, text), at: node[key]?.start)
            return nil
        }
        let from =
            parsed("from", .mailSettingsFrom, required: true, MailMessage.Address.init(parsing:))
            ?? MailMessage.Address(email: "invalid@invalid")
        let transport = parsed("transport", .mailSettingsTransport, MailSettings.Transport.init(rawValue:)) ?? .smtp
        var security = MailSettings.Security.starttls
        if let text = reader.text(node, "security", rule: rule) {
            if let value = MailSettings.Security(rawValue: text) {
                security = value
            } else {
                var message = m.format(.mailSettingsSecurity, text)
                if let s = Suggestion.closest(to: text, in: MailSettings.Security.allCases.map(\.rawValue)) {
                    message += m.format(.checkDidYouMean, s)
                }
                reader.error(rule, message, at: node["security"]?.start)
            }
        }
        let host = reader.text(node, "host", rule: rule)
        let port = parsed("port", .mailSettingsPort) { Int($0).flatMap { (1...65535).contains($0) ? $0 : nil } }
        let timeout = parsed("timeout", .mailSettingsTimeout) { Int($0).flatMap { (1...600).contains($0) ? $0 : nil } } ?? 30
        let user = reader.text(node, "user", rule: rule)
        let passwordFile = reader.text(node, "password_file", rule: rule)
        if let passwordFile, !passwordFile.hasPrefix("/") && !passwordFile.hasPrefix("~/") {
            reader.error(rule, m.format(.mailSettingsPasswordFile, passwordFile), at: node["password_file"]?.start)
        }
        let caFile = reader.text(node, "ca_file", rule: rule)
        var sendmail = MailSettings.defaultSendmail
        if let value = node["sendmail"] {
            if let text = value.scalar {
                sendmail = text.split(separator: " ").map(String.init)
            } else if let items = value.items, items.allSatisfy({ $0.scalar != nil }) {
                sendmail = items.compactMap(\.scalar)
            } else {
                reader.error(rule, m[.mailSettingsSendmail], at: value.start)
            }
            if sendmail.isEmpty || !(sendmail.first ?? "").hasPrefix("/") {
                reader.error(rule, m[.mailSettingsSendmailPath], at: value.start)
            }
        }
        switch transport {
        case .smtp:
            if host == nil {
                reader.error(rule, m[.mailSettingsNoHost], at: node.start)
            }
            if let host, security == .none, !MailSettings.isLoopback(host) {
                reader.error(rule, m[.mailSettingsSecurityNone], at: node["security"]?.start)
            }
            if let host, host.contains("/") || host.contains(" ") || host.isEmpty {
                reader.error(rule, m.format(.mailSettingsHost, host), at: node["host"]?.start)
            }
            if user == nil, passwordFile != nil {
                reader.warning(rule, m[.mailSettingsNoUser], at: node["password_file"]?.start)
            }
        case .sendmail:
            for key in ["host", "port", "security", "user", "password_file", "ca_file"] where node[key] != nil {
                reader.warning(rule, m.format(.mailSettingsIgnored, key), at: node[key]?.start)
            }
        }
        guard reader.diagnostics.filter({ $0.severity == .error }).count == before else { return nil }
        var settings = MailSettings(
            from: from, transport: transport, host: host, port: port, security: security, user: user, passwordFile: passwordFile,
            caFile: caFile, sendmail: sendmail, timeout: timeout)
        settings.language = reader.language
        return settings
    }

    static func readPeople(_ node: YAMLNode?, reader: inout NodeReader) -> [Person] {
        guard let node else { return [] }
        let m = Messages(reader.language)
        guard let items = node.items else {
            reader.error(rule, m[.peopleList], at: node.start)
            return []
        }
        var people: [Person] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard item.pairs != nil else {
                reader.error(rule, m[.personMapping], at: item.start)
                continue
            }
            for pair in item.pairs ?? [] where !["id", "name", "email"].contains(pair.key) {
                reader.warning(.configUnknownKey, m.format(.personUnknown, pair.key), at: pair.keyStart)
            }
            let id = reader.text(item, "id", required: true, rule: rule)
            let name = reader.text(item, "name", rule: rule)
            let email = reader.text(item, "email", required: true, rule: rule)
            if let id, let problem = m.idProblem(id) {
                reader.error(rule, m.format(.personID, problem), at: item["id"]?.start)
                continue
            }
            if let email, !MailAddressSyntax.isPlausible(email) {
                reader.error(rule, m.format(.personEmail, email), at: item["email"]?.start)
                continue
            }
            guard let id, let email else { continue }
            if let line = seen[id] {
                reader.error(rule, m.format(.personTwice, id, String(line)), at: item["id"]?.start)
                continue
            }
            seen[id] = item.start.line
            people.append(Person(id: id, name: name, email: email))
        }
        return people
    }
}
