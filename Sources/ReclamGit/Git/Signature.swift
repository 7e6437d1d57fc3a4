import CLibgit2
import Foundation
import ReclamCore

/// Who made a commit and when: git's author or committer line.
/// Git keeps whole seconds and the UTC offset in minutes.
public struct Signature: Hashable, Sendable {
    public var name: String
    public var email: String
    public var date: Date
    /// Offset from UTC in minutes (e.g. +120 for +02:00).
    public var offsetMinutes: Int

    public init(name: String, email: String, date: Date, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.date = date
        self.offsetMinutes = offsetMinutes
    }

    /// The actor at `date`, with the offset `timeZone` has at that date.
    public init(_ actor: ActorIdentity, date: Date = Date(), timeZone: TimeZone = .current) {
        self.init(
            name: actor.name, email: actor.email, date: date,
            offsetMinutes: timeZone.secondsFromGMT(for: date) / 60)
    }

    init(_ raw: git_signature) {
        self.init(
            name: raw.name.map { String(cString: $0) } ?? "",
            email: raw.email.map { String(cString: $0) } ?? "",
            date: Date(timeIntervalSince1970: TimeInterval(raw.when.time)),
            offsetMinutes: Int(raw.when.offset))
    }

    /// "Name <email>".
    public var actorText: String { "\(name) <\(email)>" }

    /// Validates the name and email (see `ActorIdentity`) and makes the libgit2 signature.
    func makeHandle(operation: String) throws -> GitSignatureHandle {
        // What git and `git fsck --strict` require. The stricter "plausible email" rule belongs to
        // ActorIdentity (what users type); a configured `user.email` such as root@localhost is accepted here.
        let problem =
            ActorIdentity.nameProblem(name)
            ?? (email.isEmpty ? "the email is empty" : nil)
            ?? (ActorIdentity.hasControlCharacters(email) || email.contains("<") || email.contains(">")
                ? "the email contains < or > or a control character" : nil)
        if let problem {
            throw GitError(.invalidActor, operation: operation, message: "\(problem); \(ActorIdentity.expected)")
        }
        guard abs(offsetMinutes) < 24 * 60 else {
            throw GitError(.invalidActor, operation: operation, message: "time zone offset \(offsetMinutes) minutes is out of range")
        }
        var out: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(date.timeIntervalSince1970.rounded(.down))
        try check(git_signature_new(&out, name, email, seconds, Int32(offsetMinutes)), operation)
        return GitSignatureHandle(out!)
    }
}

final class GitSignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>
    init(_ pointer: UnsafeMutablePointer<git_signature>) { self.pointer = pointer }
    deinit { git_signature_free(pointer) }
}

/// A person as git records them: a name and an email, parsed from and printed as
/// `Name <email>`. Validated: the name is not empty and has no `<`, `>` or control
/// characters; the email looks like `local@domain.tld` with no spaces or angle brackets.
public struct ActorIdentity: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let email: String

    static let expected = "expected \"Name <email>\", e.g. \"Claire Martin <claire.martin@example.org>\""

    public init(name: String, email: String) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        let email = email.trimmingCharacters(in: .whitespaces)
        if let problem = Self.nameProblem(name) ?? Self.emailProblem(email) {
            throw GitError(.invalidActor, operation: "read actor", message: "\(problem); \(Self.expected)")
        }
        self.name = name
        self.email = email
    }

    /// Parses `Name <email>`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func fail(_ problem: String) -> GitError {
            GitError(.invalidActor, operation: "read actor", message: "\"\(text)\": \(problem); \(Self.expected)")
        }
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            throw fail("the email must be written between < and > after the name")
        }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        if let problem = Self.nameProblem(name) ?? Self.emailProblem(email) { throw fail(problem) }
        self.name = name
        self.email = email
    }

    public var description: String { "\(name) <\(email)>" }

    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the name is empty" }
        if hasControlCharacters(name) { return "the name contains a line break or control character" }
        if name.contains("<") || name.contains(">") { return "the name contains < or >" }
        if name.count > 200 { return "the name is longer than 200 characters" }
        return nil
    }

    static func emailProblem(_ email: String) -> String? {
        if email.isEmpty { return "the email is empty" }
        if hasControlCharacters(email) { return "the email contains a line break or control character" }
        if email.contains("<") || email.contains(">") { return "the email contains < or >" }
        if email.unicodeScalars.contains(where: { CharacterSet.whitespaces.contains($0) }) { return "the email contains a space" }
        if email.count > 254 { return "the email is longer than 254 characters" }
        guard let at = email.lastIndex(of: "@") else { return "the email \"\(email)\" has no @" }
        let local = email[..<at]
        let domain = email[email.index(after: at)...]
        if local.isEmpty { return "the email \"\(email)\" has nothing before the @" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelOK: (Substring) -> Bool = { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0 == "-" || CharacterSet.alphanumerics.contains($0) }
        }
        if labels.count < 2 || !labels.allSatisfy(labelOK) {
            return "the email \"\(email)\" does not end with a domain such as example.org"
        }
        return nil
    }
}
