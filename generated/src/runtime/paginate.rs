//! [`Handle::paginate`]: a `Stream` over the items of every page of a list action.

use std::collections::VecDeque;

use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::client::Handle;
use super::encode;
use crate::{Action, Result};

struct Pager<'a, Req, Resp, Item> {
    handle: Handle<'a>,
    action: &'static Action,
    req: Req,
    limit: fn(&Req) -> Option<i64>,
    set_offset: fn(&mut Req, i64),
    page: fn(Resp) -> (Option<i64>, Vec<Item>),
    offset: i64,
    buffer: VecDeque<Item>,
    done: bool,
}

impl<'a> Handle<'a> {
    /// Streams the items of every page of a list action.
    ///
    /// The first request uses the request's own `Offset` (or 0); each next one sets the
    /// offset to the previous one plus the number of items received. Paging stops after a
    /// page that reaches `TotalCount` (as returned by `page`), an empty page, or a page
    /// shorter than the request's `Limit`. An error is yielded once and ends the stream.
    /// Every page is a separate call with the usual retries and timeout.
    ///
    /// `limit` reads the request's `Limit`, `set_offset` sets its `Offset`, and `page`
    /// splits a response into `TotalCount` and the page's items. The stream is `Unpin`.
    pub fn paginate<Req, Resp, Item>(
        &self,
        action: &'static Action,
        req: Req,
        limit: fn(&Req) -> Option<i64>,
        set_offset: fn(&mut Req, i64),
        page: fn(Resp) -> (Option<i64>, Vec<Item>),
    ) -> impl Stream<Item = Result<Item>> + 'a
    where
        Req: Serialize + 'a,
        Resp: DeserializeOwned + 'a,
        Item: 'a,
    {
        let offset = initial_offset(&req);
        let pager = Pager {
            handle: self.clone(),
            action,
            req,
            limit,
            set_offset,
            page,
            offset,
            buffer: VecDeque::new(),
            done: false,
        };
        Box::pin(futures_util::stream::unfold(pager, next_item))
    }
}

/// The request's own `Offset` parameter, or 0.
fn initial_offset<Req: Serialize>(req: &Req) -> i64 {
    encode::to_params(req)
        .ok()
        .and_then(|params| params.into_iter().find(|p| p.name == "Offset"))
        .and_then(|p| p.value.parse().ok())
        .unwrap_or(0)
}

async fn next_item<'a, Req, Resp, Item>(
    mut pager: Pager<'a, Req, Resp, Item>,
) -> Option<(Result<Item>, Pager<'a, Req, Resp, Item>)>
where
    Req: Serialize,
    Resp: DeserializeOwned,
{
    loop {
        if let Some(item) = pager.buffer.pop_front() {
            return Some((Ok(item), pager));
        }
        if pager.done {
            return None;
        }
        (pager.set_offset)(&mut pager.req, pager.offset);
        match pager
            .handle
            .invoke::<Req, Resp>(pager.action, &pager.req)
            .await
        {
            Err(e) => {
                pager.done = true;
                return Some((Err(e), pager));
            }
            Ok(response) => {
                let (total, items) = (pager.page)(response);
                let received = i64::try_from(items.len()).unwrap_or(i64::MAX);
                pager.offset = pager.offset.saturating_add(received);
                pager.done = received == 0
                    || total.is_some_and(|total| pager.offset >= total)
                    || (pager.limit)(&pager.req).is_some_and(|limit| received < limit);
                pager.buffer.extend(items);
            }
        }
    }
}
