import Foundation
import ReclamCore
import ReclamGit

/// A message file of `outbox/`, `outbox/failed/` or `sent/`, read for what sending and the SLA
/// need: its headers, recipients, Message-ID and case. The bytes are kept as written: they are
/// what is sent.
public struct MailFile: Sendable {
    public var path: String
    public var data: Data
    /// Unfolded header fields, in order, up to the first empty line.
    public var headers: [(name: String, value: String)]

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
        headers = MailFile.parseHeaders(data)
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public func headers(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The Message-ID without angle brackets.
    public var messageID: String? {
        header("Message-ID").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var date: Date? { header("Date").flatMap(MailFile.parseDate) }

    /// Addresses of To, Cc and Bcc, in order, without duplicates.
    public var recipients: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for name in ["To", "Cc", "Bcc"] {
            for value in headers(name) {
                for address in MailFile.addresses(in: value) where seen.insert(address.lowercased()).inserted {
                    result.append(address)
                }
            }
        }
        return result
    }

    /// The case a message belongs to: `X-Reclam-Case`, else the case id inside a Message-ID made
    /// by Reclam (`reclam.<case>.<time>.<random>@domain`).
    public var caseID: String? {
        if let explicit = header("X-Reclam-Case")?.trimmingCharacters(in: .whitespaces), Identifier.problem(explicit) == nil {
            return explicit
        }
        guard let id = messageID, id.hasPrefix("reclam.") else { return nil }
        let parts = id.split(separator: "@").first?.split(separator: ".") ?? []
        guard parts.count == 4, Identifier.problem(String(parts[1])) == nil else { return nil }
        return String(parts[1])
    }

    /// The letter a message carries, from its file name `<case>-<letter>[-<n>].eml`.
    public var letter: String? {
        var name = String(path.split(separator: "/").last ?? "")
        guard name.hasSuffix(".eml") else { return nil }
        name.removeLast(4)
        if let caseID, name.hasPrefix(caseID + "-") { name.removeFirst(caseID.count + 1) } else { return nil }
        if let dash = name.lastIndex(of: "-"), Int(name[name.index(after: dash)...]) != nil { name = String(name[..<dash]) }
        return name.isEmpty ? nil : name
    }

    /// What `reclam send` recorded in `X-Reclam-Sent: <when>; <transport>; <reply>`.
    public var sentAt: Date? {
        header("X-Reclam-Sent").flatMap { ISODateTime.parse(String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces))?.date }
    }

    // MARK: Parsing

    static func parseHeaders(_ data: Data) -> [(name: String, value: String)] {
        // Headers end at the first empty line; 64 KiB of headers is plenty.
        let bytes = data.prefix(65536)
        // "\r\n" is one Character in Swift: split the normalised text.
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var fields: [(name: String, value: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            if let first = line.first, first == " " || first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields.append(
                (
                    String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                ))
        }
        return fields
    }

    /// The addresses of an address-list header: inside `<…>`, or bare; commas inside quotes,
    /// comments and angle brackets do not separate.
    public static func addresses(in value: String) -> [String] {
        var items: [String] = []
        var current = ""
        var inQuotes = false
        var angle = 0
        var comment = 0
        var escaped = false
        for character in value {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\" where inQuotes: escaped = true
            case "\"" where comment == 0: inQuotes.toggle()
            case "(" where !inQuotes: comment += 1
            case ")" where !inQuotes && comment > 0: comment -= 1
            case "<" where !inQuotes && comment == 0: angle += 1
            case ">" where !inQuotes && comment == 0 && angle > 0: angle -= 1
            case "," where !inQuotes && angle == 0 && comment == 0:
                items.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        items.append(current)
        return items.compactMap { item -> String? in
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            if let close = trimmed.lastIndex(of: ">"), let open = trimmed[..<close].lastIndex(of: "<") {
                return String(trimmed[trimmed.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            }
            return trimmed
        }
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, dd MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss Z"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        return nil
    }
}

/// The folders messages live in, and how they are listed.
public enum MailFolders {
    public static let outbox = "outbox"
    public static let failed = outbox + "/failed"
    public static let sent = "sent"

    /// Ledger-relative paths of the `.eml` files directly in `folder`, sorted; none when it is absent.
    public static func messages(in folder: String, ledger: Ledger) -> [String] {
        guard let entries = try? FileSystem.list(ledger.url(folder)) else { return [] }
        return entries.filter { $0.kind == .file && $0.name.hasSuffix(".eml") && !$0.name.hasPrefix(".") }.map { "\(folder)/\($0.name)" }
            .sorted()
    }

    /// Every `.eml` under `sent/<yyyy>/<mm>/`.
    public static func sentMessages(ledger: Ledger) -> [String] {
        var result: [String] = []
        for year in (try? FileSystem.list(ledger.url(sent))) ?? [] where year.kind == .directory {
            for month in (try? FileSystem.list(ledger.url("\(sent)/\(year.name)"))) ?? [] where month.kind == .directory {
                result += messages(in: "\(sent)/\(year.name)/\(month.name)", ledger: ledger)
            }
        }
        return result.sorted()
    }

    public static func read(_ path: String, ledger: Ledger) -> MailFile? {
        guard let data = try? FileSystem.readRegularFile(ledger.url(path)) else { return nil }
        return MailFile(path: path, data: data)
    }
}
