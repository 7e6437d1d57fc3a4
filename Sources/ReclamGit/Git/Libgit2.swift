import CLibgit2
import ReclamCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// One-time, thread-safe libgit2 initialisation. Swift initialises a global `let`
/// exactly once (with `swift_once`), so this is the only process-wide state.
private let libgit2Initialization: Int32 = {
    let result = git_libgit2_init()
    if result >= 0 {
        // Where syncfs exists, libgit2 fsyncs nothing: a commit is made durable by the
        // writer's barriers (GitPOSIX.syncFileSystems), two syncs instead of one per object,
        // folder, ref and index (docs/GIT.md). Elsewhere objects, refs and the index are
        // fsynced one by one, as git does with core.fsync.
        _ = reclam_git_enable_fsync_gitdir(GitPOSIX.batchesSyncs ? 0 : 1)
        // libgit2 caches no tree over 4 KB, so a write re-read and re-parsed the 1.2 MB
        // `cases` tree of a 100 000-case ledger from the pack at each path lookup.
        _ = reclam_git_set_cache_object_limit(GIT_OBJECT_TREE, 16 << 20)
    }
    return result
}()

enum Libgit2 {
    /// Initialises libgit2 on first use; every public entry point calls this.
    static func ensureInitialized() throws {
        let result = libgit2Initialization
        if result < 0 { throw GitError.libgit2(result, operation: "initialise libgit2") }
    }
}

func gitSystemErrorText(_ value: Int32) -> String {
    if let text = strerror(value) { return String(cString: text) }
    return "errno \(value)"
}
