//! [`Handle::paginate`]: a `Stream` over the items of every page of a list action.
//!
//! The request is encoded once; each page is the same parameters with `Offset` moved on,
//! so the generated code only says how to split a response into `TotalCount` and items.

use std::collections::VecDeque;

use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::call::{self, Target};
use super::client::Handle;
use super::encode::{self, Param};
use crate::{Action, Error, Result};

struct Pager<'a, Resp, Item> {
    handle: Handle<'a>,
    action: &'static Action,
    /// The encoded request without `Offset`, or the encoding error to yield first.
    params: std::result::Result<Vec<Param>, Option<Error>>,
    limit: Option<i64>,
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
    /// `page` splits a response into `TotalCount` and the page's items. The stream is
    /// `Unpin`, and `Send` when the types are.
    pub fn paginate<Req, Resp, Item>(
        &self,
        action: &'static Action,
        req: &Req,
        page: fn(Resp) -> (Option<i64>, Vec<Item>),
    ) -> impl Stream<Item = Result<Item>> + 'a
    where
        Req: Serialize + ?Sized,
        Resp: DeserializeOwned + 'a,
        Item: 'a,
    {
        let mut offset = 0;
        let mut limit = None;
        let params = match encode::to_params(req) {
            Ok(mut params) => {
                offset = take_int(&mut params, "Offset", true).unwrap_or(0);
                limit = take_int(&mut params, "Limit", false);
                Ok(params)
            }
            Err(e) => Err(Some(Error::Encode {
                action: action.name.to_owned(),
                message: e.0,
            })),
        };
        let pager = Pager {
            handle: self.clone(),
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
fn take_int(params: &mut Vec<Param>, name: &str, remove: bool) -> Option<i64> {
    let i = params.iter().position(|p| p.name == name)?;
    let value = params[i].value.parse().ok();
    if remove {
        params.remove(i);
    }
    value
}

async fn next_item<'a, Resp, Item>(
    mut pager: Pager<'a, Resp, Item>,
) -> Option<(Result<Item>, Pager<'a, Resp, Item>)>
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
        params.push(Param::new("Offset", pager.offset.to_string(), false));
        let target = Target {
            product: pager.action.product,
            name: pager.action.name,
            common: pager.action.common,
        };
        let handle = &pager.handle;
        match call::execute::<Resp>(handle.client(), handle.options(), target, params).await {
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
