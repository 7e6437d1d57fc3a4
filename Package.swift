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
        .target(
            name: "ReclamKit",
            dependencies: [
                "CLibgit2",
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
        ),
        .executableTarget(
            name: "reclam",
            dependencies: [
                "ReclamKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ReclamKitTests",
            dependencies: ["ReclamKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "reclamTests",
            dependencies: ["ReclamKit"]
        ),
    ]
)
