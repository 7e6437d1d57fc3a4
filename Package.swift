// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Reclam",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reclam", targets: ["reclam"]),
        .library(name: "ReclamKit", targets: ["ReclamKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
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
            pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "ReclamKit",
            dependencies: [
                "CLibgit2",
                "CCmark",
                "CGMime",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
        ),
        // Sends the outbox: SMTP through libcurl, or a sendmail command. The only target that
        // imports CCurl; no C pointer leaves it.
        .target(
            name: "ReclamMail",
            dependencies: ["ReclamKit", "CCurl"]
        ),
        .executableTarget(
            name: "reclam",
            dependencies: [
                "ReclamKit",
                "ReclamMail",
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
            dependencies: ["ReclamKit", "git-stress"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "reclamTests",
            // The end-to-end tests drive the built binary; depending on it makes `swift test` build it.
            dependencies: ["reclam"]
        ),
    ]
)
