#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call: fixed-arity wrappers. */
static inline int reclam_git_enable_fsync_gitdir(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}
