/// A search read page by page with the Simple Paged Results control
/// (RFC 2696), so servers' size limits do not cut it short. The caller sees
/// one stream of events; the pages are invisible except that only the last
/// page's `.done` is yielded.
///
/// Stopping early (leaving the loop, or cancelling) abandons the page in
/// flight and releases the server's paging state with a size-0 request
/// carrying the last cookie (RFC 2696 §3).
public struct LDAPPagedSearch: AsyncSequence, Sendable {
    public typealias Element = LDAPSearchEvent

    let connection: LDAPConnection
    let request: SearchRequest
    let pageSize: Int
    let controls: [LDAPControl]

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(state: PageState(connection: connection, request: request, pageSize: pageSize, controls: controls))
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let state: PageState

        public mutating func next() async throws -> LDAPSearchEvent? {
            try await state.next()
        }
    }

    /// The same events in the batches they arrived in: a consumer with
    /// little to do per entry awaits once per batch, not once per entry.
    public var batches: Batches { Batches(search: self) }

    public struct Batches: AsyncSequence, Sendable {
        public typealias Element = ArraySlice<LDAPSearchEvent>

        let search: LDAPPagedSearch

        public func makeAsyncIterator() -> Iterator {
            Iterator(state: PageState(
                connection: search.connection, request: search.request, pageSize: search.pageSize, controls: search.controls))
        }

        public struct Iterator: AsyncIteratorProtocol {
            let state: PageState

            public mutating func next() async throws -> ArraySlice<LDAPSearchEvent>? {
                try await state.nextBatch()
            }
        }
    }

    /// The iterator's state, a class so that dropping the iterator can
    /// release the server's paging state.
    final class PageState {
        let connection: LDAPConnection
        let request: SearchRequest
        let pageSize: Int
        let controls: [LDAPControl]
        var cookie: [UInt8] = []
        var page: LDAPSearchStream.AsyncIterator?
        var finished = false
        private(set) var pagesRead = 0

        init(connection: LDAPConnection, request: SearchRequest, pageSize: Int, controls: [LDAPControl]) {
            self.connection = connection
            self.request = request
            self.pageSize = pageSize
            self.controls = controls
        }

        /// Events of the batch `next()` is handing out.
        private var pending: ArraySlice<LDAPSearchEvent> = []

        func next() async throws -> LDAPSearchEvent? {
            if pending.isEmpty {
                guard let batch = try await nextBatch() else { return nil }
                pending = batch
            }
            return pending.popFirst()
        }

        /// The events in the batches they arrived in, pages joined: a
        /// page's `.done` is consumed here (its cookie asks for the next
        /// page) unless it is the last.
        func nextBatch() async throws -> ArraySlice<LDAPSearchEvent>? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            while !finished {
                if page == nil {
                    let paging = PagedResultsControl(size: pageSize, cookie: cookie).control()
                    page = try await connection.search(request, controls: controls + [paging]).makeAsyncIterator()
                }
                let batch: ArraySlice<LDAPSearchEvent>?
                do {
                    batch = try await page?.nextBatch()
                } catch {
                    finished = true
                    throw error
                }
                guard let batch else {
                    finished = true
                    return nil
                }
                // `.done` ends a page's stream, so it can only come last.
                guard case .done(_, let responseControls)? = batch.last else { return batch }
                pagesRead += 1
                page = nil
                let response = try responseControls.first(oid: PagedResultsControl.oid).map(PagedResultsControl.init)
                cookie = response?.cookie ?? []
                if cookie.isEmpty {
                    finished = true
                    return batch
                }
                if batch.count > 1 { return batch.dropLast() }
            }
            return nil
        }

        deinit {
            guard !finished, !cookie.isEmpty else { return }
            // RFC 2696 §3: a size of 0 with the cookie abandons the paged search.
            let release = PagedResultsControl(size: 0, cookie: cookie).control()
            connection.searchDiscardingResults(request, controls: controls + [release])
        }
    }
}

extension LDAPConnection {
    /// A search read in pages of `pageSize` entries (RFC 2696); see `LDAPPagedSearch`.
    public func pagedSearch(_ request: SearchRequest, pageSize: Int = 1000, controls: [LDAPControl] = []) -> LDAPPagedSearch {
        LDAPPagedSearch(connection: self, request: request, pageSize: pageSize, controls: controls)
    }
}
