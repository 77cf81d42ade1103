//! Axum's extractors, with rejections in the API's error shape.

use axum::extract::{FromRequest, FromRequestParts};
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::{
    error::AppError,
    integrity::{client_ip, ClientNetwork},
    AppState,
};

#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct AppJson<T>(pub T);

impl<T: Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct AppQuery<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct AppPath<T>(pub T);

/// Proof that the request carries the admin bearer token. Checked before the
/// body is read, so an unauthenticated request learns nothing about its body.
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Admin, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(AppError::Unauthorized)?;
        match &state.admin_token {
            Some(expected) if constant_time_eq(token.trim().as_bytes(), expected.as_bytes()) => {
                Ok(Admin)
            }
            _ => Err(AppError::Forbidden),
        }
    }
}

/// Takes as long for a near miss as for a far one, so the token can't be guessed byte by byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The network a request comes from (see `integrity`): from the socket, or
/// from `--client-ip-header` behind a trusted proxy.
pub struct ClientNet(pub ClientNetwork);

impl FromRequestParts<AppState> for ClientNet {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientNet, Self::Rejection> {
        let ip = client_ip(
            state.client_ip_header.as_ref(),
            &parts.headers,
            &parts.extensions,
        );
        Ok(ClientNet(ClientNetwork::of(ip)))
    }
}
