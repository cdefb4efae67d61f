// The person picker (gonghui/people/picker.py): choosing a result puts "#<id>" in the hidden
// field, shows the person in the search box, and fills in what the field names in data-fill
// (the payment form's household archive) from the result's data.
document.addEventListener("click", function (event) {
  var choice = event.target.closest(".picker .pick");
  if (!choice) return;
  var picker = choice.closest(".picker");
  picker.querySelector("input[type=hidden]").value = choice.dataset.pick;
  picker.querySelector("input[type=search]").value = choice.dataset.label;
  picker.querySelector(".picker-results").innerHTML = "";
  var fill = picker.dataset.fill;
  if (fill) {
    var target = (picker.closest("form") || document).querySelector('[name="' + fill + '"]');
    if (target) target.value = choice.dataset[fill] || "";
  }
  picker.dispatchEvent(new CustomEvent("person-picked", { bubbles: true, detail: choice.dataset }));
});
// Typing again means a new search: the earlier choice no longer holds.
document.addEventListener("input", function (event) {
  if (!event.target.matches(".picker input[type=search]")) return;
  event.target.closest(".picker").querySelector("input[type=hidden]").value = "";
});
