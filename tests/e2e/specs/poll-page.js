// A page object for the inline reader poll, and helpers that set up polls on
// the real poll server (through the test server's proxy, see server/poll-servers.mjs).
import { expect } from "./fixtures.js";

export const ADMIN_TOKEN = "e2e-admin-token-not-secret-0123456789";
let nextId = 0;

/** A poll id no other test uses, so its counts are this test's alone. */
export function uniquePollId(name) {
  nextId += 1;
  return `e2e-${name}-${process.pid}-${Date.now().toString(36)}-${nextId}`;
}

/** Defines a poll on the server behind `base` (`/api`, `/spare/api`). */
export async function definePoll(request, base, id, { options, multiple = false, closes_at } = {}) {
  const response = await request.put(`${base}/polls/${id}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    data: { question: `Question ${id}?`, options, multiple, closes_at },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** The server's tally, optionally with a voter's recorded vote. */
export async function serverTally(request, base, id, voter) {
  const headers = voter ? { "Poll-Voter": voter } : {};
  const response = await request.get(`${base}/polls/${id}`, { headers });
  expect(response.status()).toBe(200);
  return response.json();
}

/**
 * Voids a poll's votes as a moderator would, through the admin API: the
 * audit names the network the votes came from, the void removes its votes.
 * Answers the tally after.
 */
export async function voidVotesOf(request, base, id) {
  const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const audit = await request.get(`${base}/polls/${id}/audit`, { headers });
  expect(audit.status(), await audit.text()).toBe(200);
  const { networks } = await audit.json();
  expect(networks).toHaveLength(1);
  const voided = await request.post(`${base}/polls/${id}/void`, {
    headers,
    data: { network: networks[0].network },
  });
  expect(voided.status(), await voided.text()).toBe(200);
  return voided.json();
}

export const OPTIONS = [
  { id: "red", label: "Red" },
  { id: "green", label: "Green" },
  { id: "blue", label: "Blue" },
];

/**
 * Stores an article with the given poll blocks on the test server; answers its URL.
 * Each poll: {id, endpoint?, options?, multiple?, closes_at?, results?, question?}.
 */
export async function articleWithPolls(request, polls) {
  const blocks = polls.map((poll) => ({
    type: "poll",
    question: `Question ${poll.id}?`,
    options: OPTIONS,
    ...poll,
  }));
  const document = {
    id: `article-${blocks.map((b) => b.id).join("-")}`.slice(0, 200),
    title: "A poll test",
    lead: [{ type: "paragraph", text: "An article with a poll." }, ...blocks],
    sections: [],
  };
  const response = await request.post("/__test/articles", { data: document });
  expect(response.status()).toBe(201);
  return (await response.json()).url;
}

/** Sets the client address the proxy tells the /capped/api server. */
export async function setCappedClient(request, ip) {
  const response = await request.post(`/__test/capped?ip=${encodeURIComponent(ip)}`);
  expect(response.status()).toBe(200);
}

/** Switches the fault on /flaky/KEY/api; answers {mode, votes}. */
export async function setFlaky(request, key, mode) {
  return (await request.post(`/__test/flaky/${key}?mode=${mode}`)).json();
}

export class PollWidget {
  constructor(page, index = 0) {
    this.page = page;
    this.root = page.locator(".aw-poll").nth(index);
    this.results = this.root.locator(".aw-poll__result");
    this.status = this.root.locator(".aw-poll__status");
    this.total = this.root.locator(".aw-poll__total");
    this.spoken = this.root.locator("[aria-live=polite]");
    this.voteButton = this.root.getByRole("button", { name: "Vote" });
  }

  async open(src, extra = "") {
    await this.page.goto(`/?src=${encodeURIComponent(src)}${extra}`);
    await this.root.scrollIntoViewIfNeeded();
  }

  choice(label) {
    return this.root.getByRole("radio", { name: label }).or(this.root.getByRole("checkbox", { name: label }));
  }

  async vote(...labels) {
    for (const label of labels) await this.choice(label).check();
    await this.voteButton.click();
  }

  row(label) {
    return this.results.filter({ hasText: label });
  }

  /** Expects one option's row: percentage, count and whether it is the reader's. */
  async expectRow(label, percent, count, mine = false) {
    const row = this.row(label);
    await expect(row.locator(".aw-poll__percent")).toHaveText(`${percent}%`);
    await expect(row.locator(".aw-poll__count")).toHaveText(count === 1 ? "1 vote" : `${count} votes`);
    await expect(row.locator(".aw-poll__mine")).toHaveCount(mine ? 1 : 0);
  }

  async expectPhase(phase, timeout) {
    await expect(this.root).toHaveAttribute("data-phase", phase, timeout ? { timeout } : undefined);
  }

  /** The stored vote for this poll (parsed), whatever its key's endpoint. */
  async storedVote(pollId) {
    return this.page.evaluate((id) => {
      for (let i = 0; i < localStorage.length; i += 1) {
        const key = localStorage.key(i);
        if (key.startsWith("aw-poll:[") && JSON.parse(key.slice(8))[1] === id) {
          return JSON.parse(localStorage.getItem(key));
        }
      }
      return null;
    }, pollId);
  }

  /** The voter token kept for one poll-service origin (default: the page's). */
  async voterToken(origin) {
    return this.page.evaluate((o) => localStorage.getItem(`aw-poll:voter@${o ?? location.origin}`), origin);
  }
}
