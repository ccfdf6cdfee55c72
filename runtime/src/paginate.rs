//! [`Client::paginate`]: a `Stream` over the items of every page of a list action.
//!
//! The request is encoded once; each page is the same parameters with `Offset` moved on,
//! so the generated code only says how to split a response into `TotalCount` and items.

use std::collections::VecDeque;

use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::call::{self, Target};
use super::encode::{self, Params};
use crate::{Action, Client, Error, Request, Result};

/// Splits a page into `TotalCount` and the page's items.
pub type PageSplit<Resp, Item> = fn(Resp) -> (Option<i64>, Vec<Item>);

struct Pager<Resp, Item> {
    client: Client,
    action: Action,
    /// The encoded request without `Offset`, or the encoding error to yield first.
    params: std::result::Result<Params, Option<Error>>,
    limit: Option<i64>,
    page: PageSplit<Resp, Item>,
    offset: i64,
    buffer: VecDeque<Item>,
    done: bool,
}

impl Client {
    /// Streams the items of every page of a list action.
    ///
    /// The first request uses the request's own `Offset` (or 0); each next one sets the
    /// offset to the previous one plus the number of items received. Paging stops after a
    /// page that reaches `TotalCount` (as returned by `page`), an empty page, or a page
    /// shorter than the request's `Limit`. An error is yielded once and ends the stream.
    /// Every page is a separate call with the usual retries and timeout.
    ///
    /// `page` splits a response into `TotalCount` and the page's items. The stream owns a
    /// clone of the client, so it can outlive it and move to another task: it is `Unpin`,
    /// `'static`, and `Send` when the item type is.
    pub fn paginate<R, Item>(
        &self,
        req: &R,
        page: PageSplit<R::Response, Item>,
    ) -> impl Stream<Item = Result<Item>> + Send + 'static
    where
        R: Request + ?Sized,
        R::Response: Send + 'static,
        Item: Send + 'static,
    {
        let action = R::ACTION;
        let mut offset = 0;
        let mut limit = None;
        let checked = crate::client::check_request(&action, req.as_model());
        let params = match checked.map(|()| encode::request_params(req)) {
            Err(refused) => Err(Some(refused)),
            Ok(Ok(mut params)) => {
                offset = take_int(&mut params, "Offset", true).unwrap_or(0);
                limit = take_int(&mut params, "Limit", false);
                Ok(params)
            }
            Ok(Err(e)) => Err(Some(Error::Encode {
                action: action.name.to_owned(),
                message: e.0,
            })),
        };
        let pager = Pager {
            client: self.clone(),
            action,
            params,
            limit,
            page,
            offset,
            buffer: VecDeque::new(),
            done: false,
        };
        Box::pin(futures_util::stream::unfold(pager, next_item))
    }
}

/// The integer value of parameter `name`; removed from `params` when `remove`.
fn take_int(params: &mut Params, name: &str, remove: bool) -> Option<i64> {
    if remove {
        params.remove(name)?.parse().ok()
    } else {
        params.get(name)?.parse().ok()
    }
}

async fn next_item<Resp, Item>(
    mut pager: Pager<Resp, Item>,
) -> Option<(Result<Item>, Pager<Resp, Item>)>
where
    Resp: DeserializeOwned,
{
    loop {
        if let Some(item) = pager.buffer.pop_front() {
            return Some((Ok(item), pager));
        }
        if pager.done {
            return None;
        }
        let mut params = match &mut pager.params {
            Ok(params) => params.clone(),
            Err(e) => {
                pager.done = true;
                let e = e.take()?;
                return Some((Err(e), pager));
            }
        };
        params.push("Offset", itoa::Buffer::new().format(pager.offset), false);
        match call::execute::<Resp>(&pager.client, Target::of(&pager.action), params).await {
            Err(e) => {
                pager.done = true;
                return Some((Err(e), pager));
            }
            Ok(response) => {
                let (total, items) = (pager.page)(response.value);
                let received = i64::try_from(items.len()).unwrap_or(i64::MAX);
                pager.offset = pager.offset.saturating_add(received);
                pager.done = received == 0
                    || total.is_some_and(|total| pager.offset >= total)
                    || pager.limit.is_some_and(|limit| received < limit);
                pager.buffer.extend(items);
            }
        }
    }
}
