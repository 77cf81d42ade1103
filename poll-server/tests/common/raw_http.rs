//! A minimal HTTP/1.1 client over one keep-alive TCP connection, enough to
//! drive the poll server from tests and the stuffing benchmark.
#![allow(dead_code)]

use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct Connection {
    stream: BufReader<TcpStream>,
    addr: SocketAddr,
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Connection {
    pub async fn open(addr: SocketAddr) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream: BufReader::new(stream),
            addr,
        })
    }

    /// Sends one request (extra headers as `Name: value` lines) and reads the answer.
    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[&str],
        body: &str,
    ) -> std::io::Result<Reply> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if !body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        for header in headers {
            head.push_str(header);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        head.push_str(body);
        self.stream.get_mut().write_all(head.as_bytes()).await?;

        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut headers = Vec::new();
        let mut length = 0;
        loop {
            line.clear();
            self.stream.read_line(&mut line).await?;
            let text = line.trim_end();
            if text.is_empty() {
                break;
            }
            if let Some((name, value)) = text.split_once(':') {
                let value = value.trim().to_string();
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.parse().unwrap_or(0);
                }
                headers.push((name.to_string(), value));
            }
        }
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).await?;
        Ok(Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }

    /// Votes `options` on `poll_id` as `voter`, from `client_ip` (sent in
    /// X-Forwarded-For; the server must be started with --client-ip-header).
    pub async fn vote(
        &mut self,
        poll_id: &str,
        voter: &str,
        options: &[&str],
        client_ip: Option<&str>,
    ) -> std::io::Result<Reply> {
        let body = serde_json::json!({ "options": options, "voter": voter }).to_string();
        let forwarded = client_ip.map(|ip| format!("X-Forwarded-For: {ip}"));
        let headers: Vec<&str> = forwarded.iter().map(String::as_str).collect();
        self.request(
            "POST",
            &format!("/api/polls/{poll_id}/votes"),
            &headers,
            &body,
        )
        .await
    }
}
