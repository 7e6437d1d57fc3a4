import Foundation
import ReclamCore
import ReclamGit

/// The `serve` section of `reclam.yml`: how `reclam serve` runs the public complaint form.
///
/// Every key is optional; `reclam check` reports a bad value with its line, and the server
/// refuses to start with it.
public struct ServeSettings: Sendable {
    /// `listen`: where the server listens unless `--listen` says otherwise.
    public var listen = "127.0.0.1:8080"
    /// `base_url`: the public address of the form, for the private status links.
    public var baseURL: String?
    /// `actor`: the author of the server's commits, "Name <email>"; its address is also the
    /// acknowledgement's sender.
    public var actor: String?
    /// `privacy_url`: the organisation's privacy notice, linked next to the consent box.
    public var privacyURL: String?
    /// `rate_limit`: submissions accepted per address in `ratePeriod` seconds.
    public var rateLimit = 5
    public var ratePeriod: TimeInterval = 3600
    /// `max_files` and `max_upload`: attachments of one submission.
    public var maximumFiles = 5
    public var maximumUploadBytes = 10 << 20
    /// `trust_forwarded_for`: take the client's address from X-Forwarded-For (behind a proxy).
    public var trustForwardedFor = false
    /// `deadline_rule`: the SLA rule whose deadline the receipt and the status page promise.
    public var deadlineRule: String?
    /// `texts`: the form's labels and help, replacing the built-in ones (key → text).
    public var texts: [String: String] = [:]
    /// `staff_prefix`: where the staff workspace is served (`/equipe` unless set).
    public var staffPrefix = "/equipe"
    /// `users_file`: the staff's accounts, relative to the ledger's root.
    public var usersFile = StaffUsers.defaultFileName
    /// `session_idle`: minutes without a request after which a staff session ends.
    public var sessionIdleMinutes = 30
    /// `trusted_user_header`: a header a reverse proxy sets to the signed-in person's id (off unless set).
    public var trustedUserHeader: String?
    /// `trusted_proxies`: addresses besides loopback whose `trusted_user_header` is taken.
    public var trustedProxies: [String] = []
    public var diagnostics: [Diagnostic] = []

    public init() {}

    static let knownKeys = [
        "listen", "base_url", "actor", "privacy_url", "rate_limit", "max_files", "max_upload", "trust_forwarded_for", "deadline_rule",
        "texts", "staff_prefix", "users_file", "session_idle", "trusted_user_header", "trusted_proxies",
    ]

    public static func read(_ config: LedgerConfig) -> ServeSettings {
        var settings = ServeSettings()
        var reader = NodeReader(file: LedgerConfig.fileName, language: config.language)
        let m = Messages(config.language)
        guard let section = config.root?["serve"] else { return settings }
        guard let pairs = section.pairs else {
            reader.error(.configInvalid, m[.serveMapping], at: section.start)
            settings.diagnostics = reader.diagnostics
            return settings
        }
        for pair in pairs where !knownKeys.contains(pair.key) {
            var message = m.format(.serveUnknown, pair.key)
            if let s = Suggestion.closest(to: pair.key, in: knownKeys) { message += m.format(.checkDidYouMean, s) }
            reader.warning(.configUnknownKey, message, at: pair.keyStart)
        }
        if let listen = reader.text(section, "listen") {
            if ListenAddress(listen) == nil {
                reader.error(.configInvalid, m.format(.serveListen, listen), at: section["listen"]?.start)
            } else {
                settings.listen = listen
            }
        }
        for (key, path) in [("base_url", \ServeSettings.baseURL), ("privacy_url", \ServeSettings.privacyURL)] {
            guard let text = reader.text(section, key) else { continue }
            if WebAddress.problem(text) != nil {
                reader.error(.configInvalid, m.format(.serveWebAddress, key, text), at: section[key]?.start)
            } else {
                settings[keyPath: path] = text
            }
        }
        if let actor = reader.text(section, "actor") {
            if (try? ActorIdentity(parsing: actor)) == nil {
                reader.error(.configInvalid, m.format(.serveActor, actor), at: section["actor"]?.start)
            } else {
                settings.actor = actor
            }
        }
        if let text = reader.text(section, "rate_limit") {
            if let (count, period) = RateText.parse(text) {
                settings.rateLimit = count
                settings.ratePeriod = period
            } else {
                reader.error(.configInvalid, m.format(.serveRateLimit, text), at: section["rate_limit"]?.start)
            }
        }
        if let count = readNumber(section, "max_files", in: 0...20, reader: &reader) { settings.maximumFiles = count }
        if let text = reader.text(section, "max_upload") {
            if let bytes = ByteSize.parse(text), bytes <= 100 << 20 {
                settings.maximumUploadBytes = bytes
            } else {
                reader.error(.configInvalid, m.format(.serveMaxUpload, text), at: section["max_upload"]?.start)
            }
        }
        if section["trust_forwarded_for"] != nil { settings.trustForwardedFor = reader.bool(section, "trust_forwarded_for") }
        if let rule = reader.text(section, "deadline_rule") {
            let names = SLARuleSet(config.slaRules).names
            if names.contains(rule) {
                settings.deadlineRule = rule
            } else {
                var message = m.format(.serveDeadlineRule, rule)
                message += names.isEmpty ? m[.serveNoRules] : m.format(.serveRules, names.joined(separator: ", "))
                reader.error(.configInvalid, message, at: section["deadline_rule"]?.start)
            }
        }
        readStaff(section, into: &settings, reader: &reader)
        readTrustedUser(section, into: &settings, reader: &reader)
        if let texts = section["texts"] {
            if let pairs = texts.pairs {
                let known = WebFormTexts.keys
                for pair in pairs {
                    guard known.contains(pair.key) else {
                        var message = m.format(.serveUnknownText, pair.key)
                        if let s = Suggestion.closest(to: pair.key, in: known.sorted()) { message += m.format(.checkDidYouMean, s) }
                        reader.warning(.configUnknownKey, message, at: pair.keyStart)
                        continue
                    }
                    guard let value = pair.value.scalar, !value.isEmpty else {
                        reader.error(.configInvalid, m.format(.serveText, pair.key), at: pair.value.start)
                        continue
                    }
                    settings.texts[pair.key] = value
                }
            } else {
                reader.error(.configInvalid, m[.serveTexts], at: texts.start)
            }
        }
        settings.diagnostics = reader.diagnostics
        return settings
    }

    static func readStaff(_ section: YAMLNode, into settings: inout ServeSettings, reader: inout NodeReader) {
        let m = Messages(reader.language)
        if let prefix = reader.text(section, "staff_prefix") {
            let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
            let segments = trimmed.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            if trimmed.hasPrefix("/"), !segments.isEmpty, segments.allSatisfy({ Identifier.problem(String($0)) == nil }),
                !["/merci", "/suivi", "/style.css"].contains(trimmed)
            {
                settings.staffPrefix = trimmed
            } else {
                reader.error(.configInvalid, m.format(.serveStaffPrefix, prefix), at: section["staff_prefix"]?.start)
            }
        }
        if let file = reader.text(section, "users_file") {
            if file.isEmpty || file.hasPrefix("/") || file.split(separator: "/").contains("..") {
                reader.error(.configInvalid, m.format(.serveUsersFile, file), at: section["users_file"]?.start)
            } else {
                settings.usersFile = file
            }
        }
        if let minutes = readNumber(section, "session_idle", inMinutes: true, in: 5...1440, reader: &reader) {
            settings.sessionIdleMinutes = minutes
        }
    }

    /// The whole number `serve.KEY` when it is set and in `range`; when it is set but is not
    /// such a number, nil and an error that says what it must be.
    static func readNumber(
        _ section: YAMLNode, _ key: String, inMinutes: Bool = false, in range: ClosedRange<Int>, reader: inout NodeReader
    ) -> Int? {
        guard let text = reader.text(section, key) else { return nil }
        if let number = Int(text), range.contains(number) { return number }
        reader.error(
            .configInvalid,
            Messages(reader.language).format(
                inMinutes ? .serveMinutes : .serveNumber, key, String(range.lowerBound), String(range.upperBound)),
            at: section[key]?.start)
        return nil
    }

    /// The acknowledgement and the receipt promise the deadline of this rule: `deadline_rule`,
    /// else the rule that stops at `responded` (the one the acknowledgement letter quotes),
    /// else the last rule.
    public func promisedRule(in config: LedgerConfig) -> String? {
        if let deadlineRule { return deadlineRule }
        let rules = config.slaRules
        return rules.first { $0.stop.contains("responded") }?.name ?? rules.last?.name
    }
}

/// `127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:80`.
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }),
            let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
        else { return nil }
        self.host = host
        self.port = port
    }
}

/// An absolute http(s) address, as written in `base_url` and `privacy_url`.
public enum WebAddress {
    public static func problem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else { return "'\(text)' is not an http:// or https:// address" }
        return nil
    }
}

/// `5/hour`, `20/day`, `2/minute`, or a bare count per hour.
enum RateText {
    static func parse(_ text: String) -> (Int, TimeInterval)? {
        let parts = text.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let count = Int(parts[0]), count >= 1, count <= 100_000 else { return nil }
        guard parts.count == 2 else { return (count, 3600) }
        switch parts[1] {
        case "minute", "min": return (count, 60)
        case "hour", "h": return (count, 3600)
        case "day", "d": return (count, 86400)
        default: return nil
        }
    }
}

/// `10 MiB`, `500 KiB`, `2000000` (bytes).
enum ByteSize {
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        guard let amount = Int(digits), amount >= 0, amount < 1 << 40 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        switch unit {
        case "", "b", "bytes": return amount
        case "kib", "kb", "k": return amount << 10
        case "mib", "mb", "m": return amount << 20
        default: return nil
        }
    }
}
