import Foundation
import ReclamCore

/// One Reclam write: files to write and remove, in one commit.
///
/// Paths are repository-relative with forward slashes (`cases/stg-2026-014/20261005-k7p3.md`).
public struct Change: Sendable {
    /// Files to create or replace, with their complete new contents.
    public var writes: [(path: String, contents: Data)]
    /// Files to delete. Each must exist in the branch tip.
    public var removals: [String]
    /// Preconditions: the blob each path had in the tip when the command read it
    /// (`GitRepository.blobID(at:in:)`), or nil when it must not exist. Any path may be listed,
    /// touched or not. A mismatch is a `.conflict`.
    public var expectedBase: [String: ObjectID?]
    /// The first line of the commit message.
    public var summary: String
    /// Optional paragraphs after the summary.
    public var body: String?
    /// Rendered as `Key: value` lines in the last paragraph (`git log --format=%(trailers)`).
    public var trailers: [(key: String, value: String)]
    /// A commit that changes no file, only records something in its message and trailers
    /// (`reclam audit accept`).
    public var allowsEmpty = false

    public init(
        summary: String,
        body: String? = nil,
        writes: [(path: String, contents: Data)] = [],
        removals: [String] = [],
        expectedBase: [String: ObjectID?] = [:],
        trailers: [(key: String, value: String)] = []
    ) {
        self.summary = summary
        self.body = body
        self.writes = writes
        self.removals = removals
        self.expectedBase = expectedBase
        self.trailers = trailers
    }

    /// The rendered commit message (validates summary, body and trailers).
    public func message() throws -> String {
        try CommitMessage.render(summary: summary, body: body, trailers: trailers)
    }
}

/// What `GitWriter.commit` made.
public struct CommitResult: Sendable {
    /// The new commit, now the tip of the branch.
    public var commit: ObjectID
    /// Its parent (nil for the first commit of the branch). May differ from the tip seen when
    /// the command started if a concurrent commit was rebased over.
    public var parent: ObjectID?
    /// Written and removed paths, sorted.
    public var changedPaths: [String]
    /// How many times the branch update was tried (1 when nothing raced).
    public var attempts: Int
    /// What was done, before this write, to finish or undo a write that had been killed
    /// (`WriteRecovery`); empty almost always.
    public var recovered: [WriteRecovery.Note] = []
}

/// The rules a path in a `Change` must follow.
enum GitPathRules {
    /// Throws `.invalidPath` unless `path` is a plain relative path inside the work tree:
    /// not empty, not absolute, no backslash, no NUL or control character, no empty, `.`,
    /// `..` or `.git` component (any case, as git itself protects).
    static func validate(_ path: String, operation: String) throws {
        func refuse(_ why: String) -> GitError {
            GitError(
                .invalidPath, operation: operation,
                message: "\(why); expected a relative path like cases/<learner>/<case>.md", path: path)
        }
        if path.isEmpty { throw refuse("the path is empty") }
        if path.utf8.count > 4096 { throw refuse("the path is too long") }
        if path.unicodeScalars.contains(where: { $0.value == 0 }) { throw refuse("the path contains a NUL byte") }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw refuse("the path contains a control character")
        }
        if path.hasPrefix("/") { throw refuse("the path is absolute") }
        if path.contains("\\") { throw refuse("the path contains a backslash") }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { throw refuse("the path has an empty component (// or a trailing /)") }
            if component == "." || component == ".." { throw refuse("the path has a \(component) component") }
            var bare = component.lowercased()
            while let last = bare.last, last == "." || last == " " { bare.removeLast() }
            if bare == ".git" || bare == "git~1" { throw refuse("the path enters the .git directory") }
            if component.utf8.count > 255 { throw refuse("a path component is longer than 255 bytes") }
        }
    }
}
