import CLibgit2
import ReclamCore

extension GitRepository {
    /// Sets a value in the repository's own configuration (`.git/config`), as
    /// `git config KEY VALUE` does; the global and system files are untouched.
    public func setLocalConfigString(_ key: String, _ value: String) throws {
        var config: OpaquePointer?
        try check(git_repository_config(&config, pointer), "open configuration")
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try check(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL), "open the repository's configuration")
        defer { git_config_free(local) }
        try check(git_config_set_string(local, key, value), "set configuration \(key)")
        // libgit2 fsyncs nothing where the writer batches its syncs (Libgit2.swift).
        try GitPOSIX.syncFileSystems(containing: [commonDirectory], operation: "set configuration \(key)")
    }
}
