// swift-tools-version:6.0
import PackageDescription

// gmime-3.0.pc asks for -D_LARGEFILE64_SOURCE and -pthread, which SwiftPM refuses with a warning
// on every build; Sources/CGMime/CGMime.pc names the same headers and libraries with the flags it
// accepts. SwiftPM reads a pkgConfig name that is an absolute path as the file itself; the names
// are split at spaces, so a package folder whose path has one falls back to gmime-3.0.
let gmimePkgConfig =
    Context.packageDirectory.contains(" ") ? "gmime-3.0" : Context.packageDirectory + "/Sources/CGMime/CGMime.pc"

let package = Package(
    name: "Reclam",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "reclam", targets: ["reclam"]),
        .library(name: "ReclamKit", targets: ["ReclamKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CGMime",
            pkgConfig: gmimePkgConfig,
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        // Layers, bottom to top; a target imports only those listed in its dependencies, so an
        // arrow pointing upwards does not compile (docs/ARCHITECTURE.md).
        .target(
            name: "ReclamCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(name: "ReclamGit", dependencies: ["ReclamCore", "CLibgit2"]),
        .target(
            name: "ReclamLedger",
            dependencies: ["ReclamCore", "ReclamGit", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(name: "ReclamRules", dependencies: ["ReclamCore", "ReclamGit", "ReclamLedger"]),
        .target(name: "ReclamOutput", dependencies: ["ReclamCore", "ReclamGit", "ReclamLedger", "ReclamRules", "CCmark"]),
        .target(
            name: "ReclamWorkflow",
            dependencies: ["ReclamCore", "ReclamGit", "ReclamLedger", "ReclamRules", "ReclamOutput", "CGMime"]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "ReclamKit",
            dependencies: ["ReclamCore", "ReclamGit", "ReclamLedger", "ReclamRules", "ReclamOutput", "ReclamWorkflow"]
        ),
        // Sends the outbox: SMTP through libcurl, or a sendmail command. The only target that
        // imports CCurl; no C pointer leaves it.
        .target(
            name: "ReclamMail",
            dependencies: ["ReclamCore", "ReclamGit", "ReclamLedger", "ReclamRules", "ReclamOutput", "ReclamWorkflow", "CCurl"]
        ),
        // The web front door (`reclam serve`): thin handlers over ReclamKit's workflow.
        .target(
            name: "ReclamServer",
            dependencies: [
                "ReclamCore", "ReclamGit", "ReclamLedger", "ReclamRules", "ReclamOutput", "ReclamWorkflow",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .executableTarget(
            name: "reclam",
            dependencies: [
                "ReclamKit",
                "ReclamMail",
                "ReclamServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Spawned by the concurrency tests to commit from several processes at once.
        .executableTarget(
            name: "git-stress",
            dependencies: ["ReclamKit"]
        ),
        .testTarget(
            name: "ReclamKitTests",
            dependencies: [
                "ReclamCore", "ReclamGit", "ReclamLedger", "ReclamRules", "ReclamOutput", "ReclamWorkflow", "ReclamKit", "git-stress",
                "ReclamServer", "ReclamMail",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "reclamTests",
            // The end-to-end tests drive the built binary; depending on it makes `swift test` build it.
            dependencies: ["reclam"]
        ),
    ]
)
