//! Requests as the browser sends them, with its session cookie, and the pages they get.

use super::{Page, TestApp};

impl TestApp {
    fn with_cookie(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.session_cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        }
    }

    async fn page(response: reqwest::Response) -> Page {
        Self::try_page(Ok(response)).await.unwrap()
    }

    /// The page, or the error of a request that got no whole answer (the server died).
    async fn try_page(response: reqwest::Result<reqwest::Response>) -> reqwest::Result<Page> {
        let response = response?;
        Ok(Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.text().await?,
        })
    }

    fn form_request(&self, path: &str, fields: &[(String, String)]) -> reqwest::RequestBuilder {
        let request = self
            .client
            .post(format!("{}{path}", self.address))
            .form(fields);
        self.with_cookie(request)
    }

    /// A form post that may get no answer at all, for tests that kill the server.
    pub async fn try_post_form(
        &self,
        path: &str,
        fields: &[(String, String)],
    ) -> reqwest::Result<Page> {
        Self::try_page(self.form_request(path, fields).send().await).await
    }

    /// A GET with extra request headers (conditional requests…). `path` may also be an
    /// absolute address on this site, as the API's links are.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let path = path.strip_prefix(self.address.as_str()).unwrap_or(path);
        let request = self.client.get(format!("{}{path}", self.address));
        Self::page(self.send_with(request, headers).await).await
    }

    /// A GET whose body is kept as bytes (pictures), with extra request headers.
    pub async fn get_bytes(&self, path: &str, headers: &[(&str, &str)]) -> (Page, Vec<u8>) {
        let request = self.client.get(format!("{}{path}", self.address));
        let response = self.send_with(request, headers).await;
        let page = Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: String::new(),
        };
        (page, response.bytes().await.unwrap().to_vec())
    }

    pub async fn get(&self, path: &str) -> Page {
        self.get_with(path, &[]).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(String, String)]) -> Page {
        Self::page(self.form_request(path, fields).send().await.unwrap()).await
    }

    pub async fn post_raw(&self, path: &str, body: Vec<u8>, headers: &[(&str, &str)]) -> Page {
        let request = self
            .client
            .post(format!("{}{path}", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        Self::page(self.send_with(request, headers).await).await
    }

    /// Sends `request` with the test's extra `headers` and the browser's session cookie.
    async fn send_with(
        &self,
        request: reqwest::RequestBuilder,
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = request;
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.with_cookie(request).send().await.unwrap()
    }
}
