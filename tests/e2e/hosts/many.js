// Adds a widget after the page has loaded, as a publisher's script might.
document.addEventListener("add-later", () => {
  const later = document.createElement("div");
  later.id = "later";
  later.dataset.articleWidget = "";
  later.dataset.src = "/fixtures/every-block.json";
  document.getElementById("later-slot").append(later);
});
