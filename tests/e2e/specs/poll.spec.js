// The inline reader poll against the real poll server (SQLite, loopback):
// voting, results, remembering, never losing a vote, closed and local polls.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";
import {
  articleWithPolls,
  definePoll,
  OPTIONS,
  PollWidget,
  serverTally,
  setCappedClient,
  setFlaky,
  uniquePollId,
  voidVotesOf,
} from "./poll-page.js";

const SEED_POLL = "iraq-us-withdrawal";
/** Requests that fail on purpose show up in Chromium's console. */
const NETWORK_ERRORS = [/Failed to load resource/, /net::ERR_/];

test("votes on the seed article's poll, sees results, and is remembered after a reload", async ({ page, request }) => {
  const before = await serverTally(request, "/api", SEED_POLL);
  const poll = new PollWidget(page);
  await page.goto("/");
  await poll.root.scrollIntoViewIfNeeded();
  await expect(poll.root.getByRole("group", { name: "Is it time the US got out of Iraq?" })).toBeVisible();
  await expect(poll.root.getByRole("radio")).toHaveCount(3);
  await expectNoAxeViolations(page);

  await poll.vote("No, not yet");
  await poll.expectPhase("confirmed");
  const token = await poll.voterToken();
  expect(token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  const after = await serverTally(request, "/api", SEED_POLL, token);
  expect(after.total).toBe(before.total + 1);
  expect(after.your_vote).toEqual(["no"]);
  await expect(poll.results).toHaveCount(3);
  const no = after.counts.no;
  await expect(poll.row("No, not yet").locator(".aw-poll__count")).toHaveText(no === 1 ? "1 vote" : `${no} votes`);
  await expect(poll.row("No, not yet").locator(".aw-poll__mine")).toHaveText("Your choice");
  await expect(poll.total).toHaveText(`Total: ${after.total === 1 ? "1 vote" : `${after.total} votes`}`);
  await expect(poll.status).toHaveText("Thank you, your vote was counted.");
  await expect(poll.spoken).toContainText("Thank you, your vote was counted.");
  const percents = await poll.root.locator(".aw-poll__percent").allTextContents();
  expect(percents.reduce((sum, p) => sum + parseInt(p, 10), 0)).toBe(100);
  // Bars are sized through CSSOM: no style attribute in the markup, and the CSP allowed it.
  const fill = poll.row("No, not yet").locator(".aw-poll__fill");
  const width = await fill.evaluate((el) => el.style.inlineSize);
  expect(width).toMatch(/^\d+%$/);
  await expectNoAxeViolations(page);
  expect((await poll.storedVote(SEED_POLL)).status).toBe("confirmed");

  await page.reload();
  await poll.root.scrollIntoViewIfNeeded();
  await poll.expectPhase("confirmed");
  await expect(poll.root.getByRole("radio")).toHaveCount(0);
  await expect(poll.row("No, not yet").locator(".aw-poll__count")).toHaveText(no === 1 ? "1 vote" : `${no} votes`);
  await expect(poll.row("No, not yet").locator(".aw-poll__mine")).toHaveCount(1);
  expect(await poll.voterToken()).toBe(token);
  expect((await serverTally(request, "/api", SEED_POLL)).total).toBe(after.total);
});

test("keyboard only: arrows choose, Enter votes, the result is announced without moving focus", async ({ page, request }) => {
  const id = uniquePollId("keys");
  await definePoll(request, "/api", id, { options: OPTIONS });
  const poll = new PollWidget(page);
  await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api" }]));
  await expect(poll.choice("Red")).toBeVisible();
  // Tab into the group, move with the arrow keys (which also select), Tab to the button.
  await page.keyboard.press("Tab");
  for (let i = 0; i < 10 && !(await poll.choice("Red").evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press("Tab");
  }
  await expect(poll.choice("Red")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(poll.choice("Green")).toBeFocused();
  await expect(poll.choice("Green")).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(poll.voteButton).toBeFocused();
  await page.keyboard.press("Enter");
  await poll.expectPhase("confirmed");
  await poll.expectRow("Green", 100, 1, true);
  await poll.expectRow("Red", 0, 0);
  await expect(poll.spoken).toHaveText(
    "Thank you, your vote was counted. Red: 0%, Green: 100%, Blue: 0%. Total: 1 vote",
  );
  // Focus was not pulled into the results.
  const focusInResults = await page.evaluate(() => !!document.activeElement?.closest(".aw-poll__results"));
  expect(focusInResults).toBe(false);
  expect((await serverTally(request, "/api", id)).counts).toEqual({ red: 0, green: 1, blue: 0 });
});

test("multiple choice: checkboxes, several options, one voter", async ({ page, request }) => {
  const id = uniquePollId("multi");
  await definePoll(request, "/api", id, { options: OPTIONS, multiple: true });
  const poll = new PollWidget(page);
  await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api", multiple: true }]));
  await expect(poll.root.getByRole("checkbox")).toHaveCount(3);
  await expect(poll.root.getByRole("group")).toHaveAccessibleDescription("Choose one or more answers.");
  await poll.voteButton.click();
  await expect(poll.root.getByRole("alert")).toHaveText("Choose an answer first.");
  await poll.vote("Red", "Blue");
  await poll.expectPhase("confirmed");
  await poll.expectRow("Red", 100, 1, true);
  await poll.expectRow("Green", 0, 0);
  await poll.expectRow("Blue", 100, 1, true);
  await expect(poll.total).toHaveText("Total: 1 voter");
  const tally = await serverTally(request, "/api", id);
  expect(tally).toMatchObject({ total: 1, counts: { red: 1, green: 0, blue: 1 } });
  await expectNoAxeViolations(page);
});

test("a closed poll shows results only, with when it closed", async ({ page, request }) => {
  const id = uniquePollId("closed");
  const closes_at = "2024-01-15T12:00:00Z";
  await definePoll(request, "/api", id, { options: OPTIONS, closes_at });
  const poll = new PollWidget(page);
  await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api", closes_at }]));
  await poll.expectPhase("closed");
  await expect(poll.root.getByRole("radio")).toHaveCount(0);
  await expect(poll.voteButton).toHaveCount(0);
  await expect(poll.status).toContainText("This poll closed on");
  await expect(poll.status.locator("time")).toHaveAttribute("datetime", closes_at);
  await poll.expectRow("Red", 0, 0);
  await expect(poll.root.locator(".aw-poll__not-live")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a poll the server has closed (410, closed: true) shows results only", async ({ page, request }) => {
  const id = uniquePollId("server-closed");
  await definePoll(request, "/api", id, { options: OPTIONS, closes_at: "2020-01-01T00:00:00Z" });
  const poll = new PollWidget(page);
  // The document does not know: the server's `closed: true` decides.
  await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api" }]));
  await poll.expectPhase("closed");
  await expect(poll.status).toHaveText("This poll is closed.");
  await expect(poll.root.getByRole("radio")).toHaveCount(0);
});

test.describe("never loses a vote", () => {
  test.use({ allowedConsoleErrors: [NETWORK_ERRORS, { option: true }] });

  test("an answer lost on the way back: retried, counted exactly once", async ({ page, request }) => {
    const id = uniquePollId("lost");
    const key = id.replace(/[^\w-]/g, "");
    await definePoll(request, "/api", id, { options: OPTIONS });
    await setFlaky(request, key, "lose-response");
    const poll = new PollWidget(page);
    await poll.open(await articleWithPolls(request, [{ id, endpoint: `/flaky/${key}/api` }]));
    await poll.vote("Red");
    await poll.expectPhase("queued");
    expect((await serverTally(request, "/api", id)).total).toBe(1);
    await setFlaky(request, key, "up");
    await poll.expectPhase("confirmed", 15_000);
    await poll.expectRow("Red", 100, 1, true);
    expect((await setFlaky(request, key, "up")).votes).toBeGreaterThanOrEqual(2);
    expect((await serverTally(request, "/api", id)).total).toBe(1);
  });

  test("offline: kept, then sent as soon as the browser is back online", async ({ page, request, context }) => {
    const id = uniquePollId("offline");
    await definePoll(request, "/api", id, { options: OPTIONS });
    const poll = new PollWidget(page);
    await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api" }]));
    await expect(poll.choice("Green")).toBeVisible();
    await context.setOffline(true);
    await poll.vote("Green");
    await poll.expectPhase("queued");
    await context.setOffline(false);
    await poll.expectPhase("confirmed", 5_000);
    expect((await serverTally(request, "/api", id)).counts.green).toBe(1);
  });

  test("5xx and 429 with Retry-After: queued, then counted", async ({ page, request }) => {
    const id = uniquePollId("busy");
    const key = id.replace(/[^\w-]/g, "");
    await definePoll(request, "/api", id, { options: OPTIONS });
    await setFlaky(request, key, "503");
    const poll = new PollWidget(page);
    await poll.open(await articleWithPolls(request, [{ id, endpoint: `/flaky/${key}/api` }]));
    await poll.vote("Green");
    await poll.expectPhase("queued");
    await setFlaky(request, key, "429");
    await expect.poll(async () => (await setFlaky(request, key, "429")).votes).toBeGreaterThanOrEqual(2);
    await setFlaky(request, key, "up");
    await poll.expectPhase("confirmed", 15_000);
    expect((await serverTally(request, "/api", id)).total).toBe(1);
  });
});

test.describe("over the new-voter cap of the reader's network", () => {
  test.use({ allowedConsoleErrors: [[/status of 429/], { option: true }] });

  test("the vote is kept, explained, sent when allowed and counted once", async ({ page, request }) => {
    const id = uniquePollId("capped");
    await definePoll(request, "/capped/api", id, { options: OPTIONS });
    // Another reader on the same network has used its one new voter this hour.
    const network = `198.51.100.${(process.pid % 200) + 1}`;
    await setCappedClient(request, network);
    const first = await request.post(`/capped/api/polls/${id}/votes`, {
      data: { options: ["blue"], voter: `other_reader_${Date.now().toString(36)}` },
    });
    expect(first.status()).toBe(200);

    const poll = new PollWidget(page);
    const refused = page.waitForResponse((r) => r.url().endsWith(`/polls/${id}/votes`) && r.status() === 429);
    await poll.open(await articleWithPolls(request, [{ id, endpoint: "/capped/api" }]));
    await poll.vote("Red");
    const answer = await refused;
    expect(Number(answer.headers()["retry-after"])).toBeGreaterThan(1);
    // The body (`reason: "network_cap"`) is checked natively (poll-server/tests/integrity.rs):
    // Chromium may drop a response body the page has already read.
    await poll.expectPhase("queued");
    await expect(poll.status).toHaveText(
      "Many votes came from your network recently, so the poll service is holding new ones back. " +
        "Your vote is saved in this browser and will be sent later.",
    );
    await expect(poll.spoken).toContainText("Many votes came from your network recently");
    expect((await poll.storedVote(id)).status).toBe("pending");
    // Shown, counted in, while it waits; the server has only the other vote.
    await poll.expectRow("Red", 50, 1, true);
    expect((await serverTally(request, "/capped/api", id)).total).toBe(1);

    // Allowed again (here: the reader's network changes); the next attempt is counted.
    await setCappedClient(request, "203.0.113.77");
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await poll.expectPhase("confirmed", 15_000);
    await poll.expectRow("Red", 50, 1, true);
    const tally = await serverTally(request, "/capped/api", id, await poll.voterToken());
    expect(tally.total).toBe(2);
    expect(tally.your_vote).toEqual(["red"]);
    expect((await poll.storedVote(id)).status).toBe("confirmed");
  });
});

test.describe("a vote the poll's moderators voided", () => {
  const VOIDED = "Your vote was removed by the poll’s moderators and is not counted.";

  test("after a reload: the voided message, results only, nothing sent", async ({ page, request }) => {
    const id = uniquePollId("voided");
    await definePoll(request, "/api", id, { options: OPTIONS });
    const poll = new PollWidget(page);
    await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api" }]));
    await poll.vote("Red");
    await poll.expectPhase("confirmed");
    await expect(poll.status).toHaveText("Thank you, your vote was counted.");
    const token = await poll.voterToken();

    const after = await voidVotesOf(request, "/api", id);
    expect(after.total).toBe(0);
    const mine = await serverTally(request, "/api", id, token);
    expect(mine.voided).toBe(true);
    expect(mine).not.toHaveProperty("your_vote");

    const votes = [];
    page.on("request", (r) => r.method() === "POST" && r.url().includes("/votes") && votes.push(r.url()));
    await page.reload();
    await poll.root.scrollIntoViewIfNeeded();
    await poll.expectPhase("voided");
    await expect(poll.status).toHaveText(VOIDED);
    await expect(poll.spoken).toContainText(VOIDED);
    await expect(poll.root).not.toContainText("your vote was counted");
    await expect(poll.root).not.toContainText("earlier vote stands");
    // Results only: no form to vote again with, the removed choice not marked nor counted.
    await expect(poll.root.getByRole("radio")).toHaveCount(0);
    await expect(poll.voteButton).toHaveCount(0);
    await poll.expectRow("Red", 0, 0, false);
    await expect(poll.total).toHaveText("Total: 0 votes");
    expect((await poll.storedVote(id)).status).toBe("voided");
    await expectNoAxeViolations(page);

    // Once more: voided from the start, still nothing sent, the token kept.
    await page.reload();
    await poll.root.scrollIntoViewIfNeeded();
    await poll.expectPhase("voided");
    await expect(poll.status).toHaveText(VOIDED);
    expect(await poll.voterToken()).toBe(token);
    expect(votes).toEqual([]);
    expect((await serverTally(request, "/api", id)).total).toBe(0);
  });

  test.describe(() => {
    test.use({ allowedConsoleErrors: [[/status of 409/, ...NETWORK_ERRORS], { option: true }] });

    test("a queued vote sent again after the void: 409 voided, told so, not 'your earlier vote stands'", async ({ page, request }) => {
      const id = uniquePollId("voided-queued");
      const key = id.replace(/[^\w-]/g, "");
      await definePoll(request, "/api", id, { options: OPTIONS });
      const poll = new PollWidget(page);
      const firstTally = page.waitForResponse((r) => r.url().endsWith(`/polls/${id}`) && r.status() === 200);
      await poll.open(await articleWithPolls(request, [{ id, endpoint: `/flaky/${key}/api` }]));
      await firstTally;
      // The vote reaches the server, its answer is lost: queued in the browser.
      await setFlaky(request, key, "lose-response");
      await poll.vote("Blue");
      await poll.expectPhase("queued");
      expect((await serverTally(request, "/api", id)).total).toBe(1);
      expect((await voidVotesOf(request, "/api", id)).total).toBe(0);

      const refused = page.waitForResponse(
        (r) => r.url().endsWith(`/polls/${id}/votes`) && r.status() === 409,
        { timeout: 20_000 },
      );
      await setFlaky(request, key, "up");
      // The 409's body (`reason: "voided"`, no `your_vote`) is checked natively,
      // on both backends (poll-server/tests/integrity.rs): Chromium may have
      // dropped it by the time the test asks, once the widget has read it.
      await refused;
      await poll.expectPhase("voided");
      await expect(poll.status).toHaveText(VOIDED);
      await expect(poll.root).not.toContainText("earlier vote stands");
      await poll.expectRow("Blue", 0, 0, false);
      expect((await poll.storedVote(id)).status).toBe("voided");
      // Not sent again: the retry schedule stopped with the answer.
      const sent = (await setFlaky(request, key, "up")).votes;
      await page.waitForTimeout(3_000);
      expect((await setFlaky(request, key, "up")).votes).toBe(sent);
      expect((await serverTally(request, "/api", id)).total).toBe(0);
      await expectNoAxeViolations(page);
    });
  });
});

test("each poll service gets its own voter token; the old shared token stays with the first", async ({ page, request, baseURL }) => {
  const here = new URL(baseURL).origin;
  const other = here.replace("127.0.0.1", "localhost");
  const legacy = "legacy_shared_token_" + Date.now().toString(36);
  await page.addInitScript((t) => {
    if (!localStorage.getItem("aw-poll:voter")) localStorage.setItem("aw-poll:voter", t);
  }, legacy);
  const sameId = uniquePollId("origin-a");
  const otherId = uniquePollId("origin-b");
  await definePoll(request, "/api", sameId, { options: OPTIONS });
  await definePoll(request, "/api", otherId, { options: OPTIONS });
  const documentA = await articleWithPolls(request, [{ id: sameId, endpoint: "/api" }]);
  const documentB = await articleWithPolls(request, [{ id: otherId, endpoint: `${other}/api` }]);

  const poll = new PollWidget(page);
  await poll.open(documentA);
  await poll.vote("Red");
  await poll.expectPhase("confirmed");
  // The page's own poll service was the first to use the old token: it keeps it.
  expect(await poll.voterToken(here)).toBe(legacy);
  expect(await page.evaluate(() => localStorage.getItem("aw-poll:voter-origin"))).toBe(here);

  // A document naming a service of another origin: a token of its own, sent
  // in the Poll-Voter header across origins (CORS preflight), never the first one.
  const tallyRead = page.waitForRequest((r) => r.url() === `${other}/api/polls/${otherId}` && r.method() === "GET");
  await poll.open(documentB);
  const read = await tallyRead;
  await poll.vote("Green");
  await poll.expectPhase("confirmed");
  const otherToken = await poll.voterToken(other);
  expect(otherToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(otherToken).not.toBe(legacy);
  expect(read.headers()["poll-voter"]).toBe(otherToken);
  expect(read.url()).not.toContain("voter=");

  expect((await serverTally(request, "/api", sameId, legacy)).your_vote).toEqual(["red"]);
  expect((await serverTally(request, "/api", otherId, otherToken)).your_vote).toEqual(["green"]);
  expect((await serverTally(request, "/api", otherId, legacy)).your_vote).toBeNull();
  // Back on the first document, the first service still sees its reader's vote.
  await poll.open(documentA);
  await poll.expectPhase("confirmed");
  await poll.expectRow("Red", 100, 1, true);
});

// These stop and start the one spare poll server, so they run one at a time.
test.describe("the poll server down", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ allowedConsoleErrors: [NETWORK_ERRORS, { option: true }] });
  const UNAVAILABLE =
    "The poll service cannot be reached right now. You can still vote: your vote will be kept and sent when it is back.";
  const spare = {
    stop: (request) => request.post("/__test/spare/stop"),
    start: async (request) => expect((await request.post("/__test/spare/start")).status()).toBe(200),
  };
  /** Resolves with the status of the poll's next tally request. */
  const nextTally = (page, id) =>
    page
      .waitForResponse((r) => r.request().method() === "GET" && new URL(r.url()).pathname.endsWith(`/polls/${id}`))
      .then((r) => r.status());

  test("down at load: a clear note, the form still works, the vote kept over a reload and counted once when it is back", async ({ page, request }) => {
    const id = uniquePollId("down");
    await definePoll(request, "/spare/api", id, { options: OPTIONS });
    await spare.stop(request);
    try {
      const poll = new PollWidget(page);
      const src = await articleWithPolls(request, [{ id, endpoint: "/spare/api" }]);
      await poll.open(src);
      await expect(poll.root.getByRole("status")).toHaveText(UNAVAILABLE);
      await poll.expectPhase("idle");
      await expect(poll.voteButton).toBeEnabled();
      await expectNoAxeViolations(page);
      await poll.vote("Blue");
      await poll.expectPhase("queued");
      await expect(poll.status).toHaveText(
        "Your vote is saved in this browser and will be sent as soon as the poll service can be reached.",
      );
      await poll.expectRow("Blue", 100, 1, true);
      await expect(poll.spoken).toContainText("Your vote is saved");
      expect(await poll.storedVote(id)).toMatchObject({ v: 1, options: ["blue"], status: "pending" });
      await expectNoAxeViolations(page);

      await page.reload();
      await poll.root.scrollIntoViewIfNeeded();
      await expect(poll.root).toHaveAttribute("data-phase", /queued|pending/);
      await poll.expectRow("Blue", 100, 1, true);
      expect((await poll.storedVote(id)).status).toBe("pending");
    } finally {
      await spare.start(request);
    }
    const poll = new PollWidget(page);
    await poll.expectPhase("confirmed", 20_000);
    expect((await poll.storedVote(id)).status).toBe("confirmed");
    const token = await poll.voterToken();
    const tally = await serverTally(request, "/spare/api", id, token);
    expect(tally).toMatchObject({ total: 1, counts: { red: 0, green: 0, blue: 1 }, your_vote: ["blue"] });

    // A confirmed vote is never sent again.
    const posts = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    const tallied = nextTally(page, id);
    await page.reload();
    await poll.root.scrollIntoViewIfNeeded();
    expect(await tallied).toBe(200);
    await poll.expectPhase("confirmed");
    await poll.expectRow("Blue", 100, 1, true);
    expect(posts).toEqual([]);
    expect((await serverTally(request, "/spare/api", id)).total).toBe(1);
  });

  test("down at load, back before the reader votes: the note goes and the vote is counted at once", async ({ page, request }) => {
    const id = uniquePollId("back");
    await definePoll(request, "/spare/api", id, { options: OPTIONS });
    await spare.stop(request);
    await page.clock.install();
    const poll = new PollWidget(page);
    try {
      await poll.open(await articleWithPolls(request, [{ id, endpoint: "/spare/api" }]), "&theme=dark");
      await expect(poll.root.getByRole("status")).toHaveText(UNAVAILABLE);
      await expectNoAxeViolations(page);
    } finally {
      await spare.start(request);
    }
    // The next refresh (every 15 s while the poll is seen) finds the service again.
    const tallied = nextTally(page, id);
    await page.clock.runFor(16_000);
    expect(await tallied).toBe(200);
    await expect(poll.root.getByRole("status")).toBeEmpty();
    await poll.vote("Green");
    await poll.expectPhase("confirmed");
    await poll.expectRow("Green", 100, 1, true);
    expect((await serverTally(request, "/spare/api", id)).counts).toEqual({ red: 0, green: 1, blue: 0 });
  });

  test("goes down between showing the poll and the vote: kept as pending, counted exactly once when it is back", async ({ page, request }) => {
    const id = uniquePollId("drop");
    await definePoll(request, "/spare/api", id, { options: OPTIONS });
    const poll = new PollWidget(page);
    const tallied = nextTally(page, id);
    await poll.open(await articleWithPolls(request, [{ id, endpoint: "/spare/api" }]));
    expect(await tallied).toBe(200);
    await expect(poll.root.getByRole("status")).toBeEmpty();
    await spare.stop(request);
    try {
      await poll.vote("Red");
      await poll.expectPhase("queued");
      await poll.expectRow("Red", 100, 1, true);
      expect(await poll.storedVote(id)).toMatchObject({ options: ["red"], status: "pending" });
      await expectNoAxeViolations(page);
    } finally {
      await spare.start(request);
    }
    await poll.expectPhase("confirmed", 20_000);
    await poll.expectRow("Red", 100, 1, true);
    expect((await poll.storedVote(id)).status).toBe("confirmed");
    const token = await poll.voterToken();
    expect(await serverTally(request, "/spare/api", id, token)).toMatchObject({
      total: 1,
      counts: { red: 1, green: 0, blue: 0 },
      your_vote: ["red"],
    });
  });
});

test.describe("a reply too large to be a poll service's", () => {
  test.use({ allowedConsoleErrors: [NETWORK_ERRORS, { option: true }] });

  test("an endless tally reply: read up to the cap, then the service counts as unreachable", async ({ page, request }) => {
    const id = uniquePollId("huge");
    const key = id.replace(/[^\w-]/g, "");
    await definePoll(request, "/api", id, { options: OPTIONS });
    await setFlaky(request, key, "oversized");
    const poll = new PollWidget(page);
    await poll.open(await articleWithPolls(request, [{ id, endpoint: `/flaky/${key}/api` }]));
    await expect(poll.root.getByRole("status")).toHaveText(
      "The poll service cannot be reached right now. You can still vote: your vote will be kept and sent when it is back.",
      { timeout: 5_000 },
    );
    await expect(poll.voteButton).toBeEnabled();
    // The page still answers at once: nothing is stuck reading the reply.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await setFlaky(request, key, "up");
  });
});

test.describe("409", () => {
  test.use({ allowedConsoleErrors: [[/status of 409/], { option: true }] });

  test("409: the server's recorded vote is shown", async ({ page, request }) => {
    const id = uniquePollId("conflict");
    await definePoll(request, "/api", id, { options: OPTIONS });
    const token = "conflict_token_" + Date.now().toString(36);
    await page.addInitScript((t) => localStorage.setItem("aw-poll:voter", t), token);
    const src = await articleWithPolls(request, [{ id, endpoint: "/api" }]);
    const poll = new PollWidget(page);
    // The widget's first tally must come before the other vote, or it would
    // (rightly) show that vote as the reader's and never send its own.
    const firstTally = page.waitForResponse(
      (r) => r.url().endsWith(`/polls/${id}`) && r.request().method() === "GET",
    );
    await poll.open(src);
    await firstTally;
    await expect(poll.choice("Red")).toBeVisible();
    // The same reader votes Blue elsewhere (another device with the same token) first.
    const other = await request.post(`/api/polls/${id}/votes`, { data: { options: ["blue"], voter: token } });
    expect(other.status()).toBe(200);
    await poll.vote("Red");
    await poll.expectPhase("conflict");
    await expect(poll.status).toHaveText("You had already voted in this poll: your earlier vote stands.");
    await poll.expectRow("Blue", 100, 1, true);
    await poll.expectRow("Red", 0, 0);
    expect((await serverTally(request, "/api", id)).total).toBe(1);
  });
});

test("no endpoint: the vote is kept locally against the snapshot, marked not live", async ({ page, request }) => {
  const id = uniquePollId("local");
  const poll = new PollWidget(page);
  const src = await articleWithPolls(request, [{ id, results: { red: 2, green: 1, blue: 0 } }]);
  await poll.open(src);
  await poll.vote("Blue");
  await poll.expectPhase("local");
  await poll.expectRow("Red", 50, 2);
  await poll.expectRow("Green", 25, 1);
  await poll.expectRow("Blue", 25, 1, true);
  await expect(poll.root.locator(".aw-poll__not-live")).toHaveText("Not live: results as published with the article.");
  await expect(poll.status).toHaveText("Your vote is kept in this browser only.");
  await expectNoAxeViolations(page);
  await page.reload();
  await poll.root.scrollIntoViewIfNeeded();
  await poll.expectPhase("local");
  await poll.expectRow("Blue", 25, 1, true);
});

test("the embed's poll-endpoint overrides the document's", async ({ page, request }) => {
  const id = uniquePollId("override");
  await definePoll(request, "/api", id, { options: OPTIONS });
  const poll = new PollWidget(page);
  await poll.open(await articleWithPolls(request, [{ id, endpoint: "https://unreachable.invalid/api" }]), "&poll-endpoint=/api");
  await poll.vote("Red");
  await poll.expectPhase("confirmed");
  expect((await serverTally(request, "/api", id)).total).toBe(1);
});

test("several polls, and the same poll twice, on one page keep their own state", async ({ page, request }) => {
  const first = uniquePollId("first");
  const second = uniquePollId("second");
  await definePoll(request, "/api", first, { options: OPTIONS });
  await definePoll(request, "/api", second, { options: OPTIONS });
  const src = await articleWithPolls(request, [
    { id: first, endpoint: "/api" },
    { id: second, endpoint: "/api" },
    { id: first, endpoint: "/api" },
  ]);
  const [a, b, aAgain] = [0, 1, 2].map((i) => new PollWidget(page, i));
  await a.open(src);
  await a.choice("Red").check();
  await b.choice("Green").check();
  await aAgain.choice("Blue").check();
  // Each radio group is its own: choosing in one never unchecks another.
  await expect(a.choice("Red")).toBeChecked();
  await expect(b.choice("Green")).toBeChecked();
  await a.voteButton.click();
  await a.expectPhase("confirmed");
  await b.expectPhase("idle");
  await expect(b.choice("Green")).toBeChecked();
  await b.voteButton.click();
  await b.expectPhase("confirmed");
  await b.expectRow("Green", 100, 1, true);
  await a.expectRow("Red", 100, 1, true);
  expect((await serverTally(request, "/api", first)).counts.red).toBe(1);
  expect((await serverTally(request, "/api", second)).counts.green).toBe(1);
  expect((await a.storedVote(first)).options).toEqual(["red"]);
  expect((await a.storedVote(second)).options).toEqual(["green"]);
});

test("live results refresh while visible, and pause while the tab is hidden", async ({ page, request }) => {
  const id = uniquePollId("live");
  await definePoll(request, "/api", id, { options: OPTIONS });
  await page.clock.install();
  const poll = new PollWidget(page);
  await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api" }]));
  await poll.vote("Red");
  await poll.expectPhase("confirmed");
  await poll.expectRow("Red", 100, 1, true);

  const cast = (option, n) =>
    request.post(`/api/polls/${id}/votes`, { data: { options: [option], voter: `other_voter_${n}_${Date.now()}` } });
  expect((await cast("green", 1)).status()).toBe(200);
  await page.clock.runFor(16_000);
  await poll.expectRow("Green", 50, 1);
  await expect(poll.total).toHaveText("Total: 2 votes");

  // Hidden tab: no refresh requests.
  let reads = 0;
  page.on("request", (r) => {
    if (r.method() === "GET" && r.url().includes(`/polls/${id}`)) reads += 1;
  });
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  expect((await cast("blue", 2)).status()).toBe(200);
  await page.clock.runFor(61_000);
  expect(reads).toBe(0);
  await expect(poll.total).toHaveText("Total: 2 votes");
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(poll.total).toHaveText("Total: 3 votes");
});

test("dark theme passes the audit before and after voting", async ({ page, request }) => {
  const id = uniquePollId("dark");
  await definePoll(request, "/api", id, { options: OPTIONS });
  const poll = new PollWidget(page);
  await poll.open(await articleWithPolls(request, [{ id, endpoint: "/api" }]), "&theme=dark");
  await expectNoAxeViolations(page);
  await poll.vote("Green");
  await poll.expectPhase("confirmed");
  await expectNoAxeViolations(page);
});
