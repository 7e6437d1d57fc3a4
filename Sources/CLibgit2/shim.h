#include <git2.h>
#include <git2/sys/mempack.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>

/* syncfs(2): every dirty page and inode of one file system, on disk when it returns. glibc
   declares it only with _GNU_SOURCE, which Swift's Glibc module does not define. */
static inline int reclam_syncfs(int fd) {
    return (int)syscall(SYS_syncfs, fd);
}
#endif

/* git_libgit2_opts is variadic, which Swift cannot call: fixed-arity wrappers. */

/* The size of the pack windows libgit2 maps, and how much it keeps mapped at once. */
static inline int reclam_git_set_mwindow_limits(size_t window_size, size_t mapped_limit) {
    int error = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window_size);
    if (error < 0) return error;
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, mapped_limit);
}

static inline int reclam_git_enable_fsync_gitdir(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

static inline int reclam_git_set_cache_object_limit(git_object_t type, size_t size) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, size);
}
