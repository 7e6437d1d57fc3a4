import Foundation
import ReclamCore
import ReclamGit

/// Who may sign in to the staff workspace (`/equipe/`): `staff` act on cases, `reviewer` only read.
public enum StaffRole: String, Sendable, CaseIterable {
    case staff
    case reviewer

    public var mayAct: Bool { self == .staff }
}

/// One person of `users.yml`: their id (as in `owner:`), display name and email (the git
/// identity of the commits they make through the web), role, and a bcrypt password hash.
public struct StaffUser: Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String
    public var role: StaffRole
    public var passwordHash: String

    public init(id: String, name: String, email: String, role: StaffRole, passwordHash: String) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.passwordHash = passwordHash
    }

    /// "Name <email>", the author of the commits this person makes.
    public var actor: String { "\(name) <\(email)>" }
}

/// `users.yml`: read afresh by the server on every request, written by `reclam user`.
///
/// The file holds password hashes: it is kept out of git (docs/SERVE.md: list it in `.gitignore`),
/// written with mode 0600 and atomically, and never served.
public struct StaffUsers: Sendable {
    public static let defaultFileName = "users.yml"
    public var users: [StaffUser] = []

    public init(users: [StaffUser] = []) { self.users = users }

    public func user(_ id: String) -> StaffUser? { users.first { $0.id == id } }

    /// Reads the file; a missing file is an empty list. A malformed file is an error naming
    /// the file and line, never a crash.
    /// `language`: the ledger's, for the errors.
    public static func read(at url: URL, language: Language = .en) throws(ReclamError) -> StaffUsers {
        let m = Messages(language)
        guard FileManager.default.fileExists(atPath: url.path) else { return StaffUsers() }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .io(m.format(.cannotRead, url.path, error.localizedDescription))
        }
        let root: YAMLNode?
        do { root = try YAMLReader.read(text) } catch { throw .io(m.format(.staffNotYAML, url.lastPathComponent, m.yamlProblem(error))) }
        guard let root else { return StaffUsers() }
        guard let list = root["users"]?.items else {
            throw .io(m.format(.staffNoUsers, url.lastPathComponent, String(root.start.line)))
        }
        var users: [StaffUser] = []
        for item in list {
            let line = item.start.line
            guard let id = item["id"]?.scalar, Identifier.problem(id) == nil,
                let name = item["name"]?.scalar, let email = item["email"]?.scalar,
                let role = item["role"]?.scalar.flatMap(StaffRole.init(rawValue:)),
                let hash = item["password"]?.scalar
            else {
                throw .io(m.format(.staffUserFields, url.lastPathComponent, String(line)))
            }
            users.append(StaffUser(id: id, name: name, email: email, role: role, passwordHash: hash))
        }
        return StaffUsers(users: users)
    }

    /// The file's text: one entry per user, every value quoted for YAML.
    public func text() -> String {
        var out = "# Reclam's web users (reclam user add/passwd/remove). Holds password hashes:\n"
        out += "# keep it out of git and readable by the server's user only.\nusers:\n"
        for user in users {
            out += "  - id: \(Escape.yaml(user.id))\n    name: \(Escape.yaml(user.name))\n    email: \(Escape.yaml(user.email))\n"
            out += "    role: \(user.role.rawValue)\n    password: \(Escape.yaml(user.passwordHash))\n"
        }
        return out
    }

    /// Writes atomically (temporary file, then rename) with mode 0600.
    public func write(to url: URL, language: Language = .en) throws(ReclamError) {
        let m = Messages(language)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fm = FileManager.default
        guard fm.createFile(atPath: temporary.path, contents: Data(text().utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .io(m.format(.ioCannotWriteBare, temporary.path))
        }
        if rename(temporary.path, url.path) != 0 {
            try? fm.removeItem(at: temporary)
            throw .io(m.format(.ioCannotReplace, url.path, String(cString: strerror(errno))))
        }
    }

    /// Problems with a new user's name and address: one line each, the email a plain address.
    public static func problem(name: String, email: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) {
            return "--name must be one line of text without < or >"
        }
        if (try? ActorIdentity(parsing: "\(name) <\(email)>")) == nil { return "--email '\(email)' is not an email address" }
        return nil
    }
}
