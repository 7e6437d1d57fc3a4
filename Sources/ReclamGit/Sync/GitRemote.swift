import CLibgit2
import Foundation
import ReclamCore

/// Fetch and push through libgit2, with credentials from ssh-agent (ssh remotes) or git's
/// credential helpers (`git credential fill`, for https remotes). `file://` URLs and local
/// paths need none.
extension GitRepository {
    public enum PushOutcome: Sendable, Equatable {
        case pushed
        /// The remote refused the update (it moved since the fetch, or a hook said no).
        case rejected(String)
    }

    /// The remote-tracking branch `refs/remotes/REMOTE/BRANCH` after a fetch; nil when absent.
    public func remoteTrackingTip(remote: String, branch: String) throws -> ObjectID? {
        try referenceTarget("refs/remotes/\(remote)/\(branch)").map { ObjectID($0) }
    }

    /// Whether a remote of that name is configured.
    public func hasRemote(_ name: String) -> Bool {
        var remote: OpaquePointer?
        defer { git_remote_free(remote) }
        return git_remote_lookup(&remote, pointer, name) == 0
    }

    /// `git fetch REMOTE` with the remote's configured refspecs.
    public func fetch(remote name: String) throws {
        try withRemote(name) { remote, _, callbacks in
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "initialise fetch options")
            options.callbacks = callbacks
            try check(git_remote_fetch(remote, nil, &options, "reclam sync: fetch"), "fetch from \(name)")
        }
    }

    /// The tip the remote advertises for `refs/heads/BRANCH` (nil when it has no such branch),
    /// read from the ref list of a connection without downloading anything: a fetch through
    /// libgit2's local transport walks the whole history even when nothing moved, which made a
    /// no-op `reclam sync` 8.7× `git fetch` + `git status` on 331 000 commits.
    public func advertisedTip(remote name: String, branch: String) throws -> ObjectID? {
        try withRemote(name) { remote, _, callbacks in
            var callbacks = callbacks
            try check(git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil), "connect to \(name)")
            defer { git_remote_disconnect(remote) }
            var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
            var count = 0
            try check(git_remote_ls(&heads, &count, remote), "list the refs of \(name)")
            let wanted = "refs/heads/\(branch)"
            for index in 0..<count {
                guard let head = heads?[index], let cName = head.pointee.name else { continue }
                if String(cString: cName) == wanted { return ObjectID(head.pointee.oid) }
            }
            return nil
        }
    }

    /// The remote, with callbacks that answer credential requests, for the time of `body`.
    private func withRemote<T>(_ name: String, _ body: (OpaquePointer, CredentialState, git_remote_callbacks) throws -> T) throws -> T {
        try Libgit2.ensureInitialized()
        let remote = try lookupRemote(name)
        defer { git_remote_free(remote) }
        var callbacks = git_remote_callbacks()
        try check(git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)), "initialise remote callbacks")
        let state = CredentialState()
        callbacks.credentials = credentialCallback
        callbacks.payload = Unmanaged.passUnretained(state).toOpaque()
        return try withExtendedLifetime(state) { try body(remote, state, callbacks) }
    }

    /// Pushes `refs/heads/BRANCH` to the same branch of the remote. A refusal because the
    /// remote moved is an outcome, not an error: the caller fetches, merges and tries again.
    public func push(remote name: String, branch: String) throws -> PushOutcome {
        try withRemote(name) { remote, state, callbacks in
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "initialise push options")
            options.callbacks = callbacks
            options.callbacks.push_update_reference = pushStatusCallback
            return try push(remote, branch: branch, options: &options, state: state, name: name)
        }
    }

    private func push(_ remote: OpaquePointer, branch: String, options: inout git_push_options, state: CredentialState, name: String) throws
        -> PushOutcome
    {
        let refspec = "refs/heads/\(branch):refs/heads/\(branch)"
        let result = refspec.withCString { cRefspec -> Int32 in
            var strings: [UnsafeMutablePointer<CChar>?] = [UnsafeMutablePointer(mutating: cRefspec)]
            return strings.withUnsafeMutableBufferPointer { buffer -> Int32 in
                var array = git_strarray(strings: buffer.baseAddress, count: 1)
                return git_remote_push(remote, &array, &options)
            }
        }
        if result == GIT_ENONFASTFORWARD.rawValue {
            return .rejected("the remote branch has commits this clone has not merged")
        }
        try check(result, "push to \(name)")
        if let refusal = state.refusal { return .rejected(refusal) }
        return .pushed
    }

    private func lookupRemote(_ name: String) throws -> OpaquePointer {
        var remote: OpaquePointer?
        let result = git_remote_lookup(&remote, pointer, name)
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError(
                .notFound, operation: "find remote",
                message: "no remote named '\(name)'; add one with: git remote add \(name) URL")
        }
        try check(result, "find remote \(name)")
        return remote!
    }
}

/// What the callbacks of one fetch or push learn.
private final class CredentialState {
    var attempts = 0
    var refusal: String?
}

private func state(_ payload: UnsafeMutableRawPointer?) -> CredentialState? {
    payload.map { Unmanaged<CredentialState>.fromOpaque($0).takeUnretainedValue() }
}

private let pushStatusCallback: git_push_update_reference_cb = { reference, status, payload in
    if let status, let state = state(payload) {
        let name = reference.map { String(cString: $0) } ?? "the branch"
        state.refusal = "the remote refused \(name): \(String(cString: status))"
    }
    return 0
}

/// ssh-agent for ssh, a credential helper for http(s); a bounded number of tries, since
/// libgit2 asks again after each refused credential.
private let credentialCallback: git_credential_acquire_cb = { out, url, usernameFromURL, allowed, payload in
    guard let state = state(payload) else { return GIT_PASSTHROUGH.rawValue }
    state.attempts += 1
    if state.attempts > 3 { return GIT_EAUTH.rawValue }
    let user = usernameFromURL.map { String(cString: $0) }
    if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
        return git_credential_ssh_key_from_agent(out, user ?? "git")
    }
    if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, let url = url.map({ String(cString: $0) }),
        let (name, password) = CredentialHelper.fill(url: url, user: user)
    {
        return git_credential_userpass_plaintext_new(out, name, password)
    }
    if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
        return git_credential_username_new(out, user ?? "git")
    }
    return GIT_PASSTHROUGH.rawValue
}

/// `git credential fill`: the user's own credential helpers (store, cache, libsecret, a
/// platform's token helper) answer, so reclam stores no secret.
enum CredentialHelper {
    static func fill(url: String, user: String?) -> (String, String)? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host else { return nil }
        var input = "protocol=\(scheme)\nhost=\(host)\(parsed.port.map { ":\($0)" } ?? "")\n"
        if !parsed.path.isEmpty { input += "path=\(parsed.path.dropFirst())\n" }
        if let user { input += "username=\(user)\n" }
        input += "\n"
        guard let output = try? GitCommand.run(["credential", "fill"], input: Data(input.utf8), environment: ["GIT_TERMINAL_PROMPT": "0"]),
            output.status == 0
        else { return nil }
        var values: [String: String] = [:]
        for line in String(decoding: output.stdout, as: UTF8.self).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard let name = values["username"], let password = values["password"] else { return nil }
        return (name, password)
    }
}
