import Foundation
import Synchronization

/// Random 64-bit words for identifiers, read from the kernel's CSPRNG
/// (`/dev/urandom`, random(4)) 4 KiB at a time: `SystemRandomNumberGenerator`
/// makes one `getrandom` system call per word, two per identifier, a
/// syscall for every user a Bulk request creates.
final class RandomWords: Sendable {
    static let shared = RandomWords()

    private struct Pool {
        var words = [UInt64](repeating: 0, count: 512)
        var next = 512
    }

    private let pool = Mutex(Pool())
    private let device: Int32 = open("/dev/urandom", O_RDONLY | O_CLOEXEC)

    func pair() -> (UInt64, UInt64) {
        pool.withLock { pool in
            if pool.next + 2 > pool.words.count {
                refill(&pool.words)
                pool.next = 0
            }
            defer { pool.next += 2 }
            return (pool.words[pool.next], pool.words[pool.next + 1])
        }
    }

    private func refill(_ words: inout [UInt64]) {
        let filled = words.withUnsafeMutableBytes { bytes -> Bool in
            var offset = 0
            while device >= 0, offset < bytes.count {
                let count = read(device, bytes.baseAddress! + offset, bytes.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return offset == bytes.count
        }
        // Without the device (a chroot without /dev), word by word.
        if !filled {
            var generator = SystemRandomNumberGenerator()
            for index in words.indices { words[index] = generator.next() }
        }
    }
}
