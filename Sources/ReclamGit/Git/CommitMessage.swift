import CLibgit2
import Foundation
import ReclamCore

/// Rendering and parsing of Reclam's commit messages:
/// summary, blank line, optional body, blank line, trailers (`Key: value`, one a line).
enum CommitMessage {
    static func render(summary: String, body: String?, trailers: [(key: String, value: String)]) throws -> String {
        func invalid(_ message: String) -> GitError {
            GitError(.invalidChange, operation: "prepare commit message", message: message)
        }
        let summary = summary.trimmingCharacters(in: .whitespaces)
        if summary.isEmpty { throw invalid("the summary line is empty") }
        if ActorIdentity.hasControlCharacters(summary) {
            throw invalid("the summary must be one line without control characters")
        }
        var message = summary + "\n"
        if let body {
            let lines = body.replacingOccurrences(of: "\r\n", with: "\n")
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            if lines.contains(where: { ActorIdentity.hasControlCharacters($0.replacingOccurrences(of: "\t", with: " ")) }) {
                throw invalid("the body contains control characters")
            }
            var trimmed = lines[...]
            while let first = trimmed.first, first.isEmpty { trimmed = trimmed.dropFirst() }
            while let last = trimmed.last, last.isEmpty { trimmed = trimmed.dropLast() }
            if !trimmed.isEmpty { message += "\n" + trimmed.joined(separator: "\n") + "\n" }
        }
        if !trailers.isEmpty {
            message += "\n"
            for (key, value) in trailers {
                let value = value.trimmingCharacters(in: .whitespaces)
                guard let first = key.unicodeScalars.first, first.isASCII, CharacterSet.alphanumerics.contains(first),
                    key.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "-" || CharacterSet.alphanumerics.contains($0)) })
                else { throw invalid("trailer key \"\(key)\" must be letters, digits and hyphens") }
                if value.isEmpty { throw invalid("trailer \(key) has an empty value") }
                if ActorIdentity.hasControlCharacters(value) { throw invalid("trailer \(key) must be one line") }
                message += "\(key): \(value)\n"
            }
        }
        return message
    }

    /// The trailers of a message, as git reads them (last paragraph of `Key: value` lines).
    static func trailers(of message: String) throws -> [(key: String, value: String)] {
        var array = git_message_trailer_array()
        try check(git_message_trailers(&array, message), "read commit trailers")
        defer { git_message_trailer_array_free(&array) }
        var result: [(key: String, value: String)] = []
        for index in 0..<array.count {
            let trailer = array.trailers[index]
            result.append(
                (
                    key: trailer.key.map { String(cString: $0) } ?? "",
                    value: trailer.value.map { String(cString: $0) } ?? ""
                ))
        }
        return result
    }
}

/// What `GitRepository.commitInfo` returns.
public struct CommitInfo: Sendable {
    public var id: ObjectID
    public var parents: [ObjectID]
    public var tree: ObjectID
    public var author: Signature
    public var committer: Signature
    /// The full raw message.
    public var message: String
    /// Trailers of the last paragraph, in order (a key may repeat).
    public var trailers: [(key: String, value: String)]

    /// The first line of the message.
    public var summary: String {
        String(message.prefix { $0 != "\n" })
    }

    /// The first value of trailer `key` (case-insensitive), if any.
    public func trailer(_ key: String) -> String? {
        trailers.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
    }
}
