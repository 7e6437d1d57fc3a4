// swift-tools-version:6.0
import PackageDescription

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
        // The web front door (`reclam serve`): thin handlers over ReclamKit's workflow.
        .target(
            name: "ReclamServer",
            dependencies: [
                "ReclamKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "reclam",
            dependencies: [
                "ReclamKit",
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
