<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="cs">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Podpora inovačního podnikání a start-upů v Jihomoravském kraji 2027 - Dotační portál Jihomoravského kraje</title>
<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" /></head>
<body>
<form name="aspnetForm" method="post" action="./24418-506-Podpora%2Binovacniho%2Bpodnikani%2Ba%2Bstart-upu%2Bv%2BJihomoravskem%2Bkraji%2B2027.aspx" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE"
  value="/wEPDwUKMTY1NDU2MTA1MmRkZr3Xa9yA1lq2pC4I0y0w4N0Bv5o=" /></div>
<div id="header"><a href="/Oblasti.aspx"><img src="/Images/logo_jmk.png" alt="Jihomoravský kraj" /></a>
<ul id="menu"><li><a href="/Oblasti.aspx">Dotační oblasti</a></li><li><a href="/Aktuality.aspx">Aktuality</a></li>
<li><a href="/Kontakty.aspx">Kontakty</a></li></ul></div>
<div id="content">
<h1>Podpora inovačního podnikání a start-upů v Jihomoravském kraji 2027</h1>
<div id="ctl00_ContentPlaceHolder1_pnlDetail" class="detail">
<p>Datum schválení: 20.10.2026</p>
<p>Číslo usnesení: 4103/26/R68</p>
<p>Objem finančních prostředků vyčleněných na program: 8 000 000 Kč</p>
<p>Cíl/učel programu: Podpora zavádění inovací, ověřování technologií a vstupu na trh u začínajících inovačních firem v Jihomoravském kraji (např. přístrojová technika, laserové a optické technologie, software).</p>
<p>Příjem žádostí: od 01.03.2027 od 8:00 do 30.04.2027 do 14:00 hod.</p>
<p>Územní lokalizace programu: Jihomoravský kraj</p>
<p>Příjemci podpory: malé podniky a start-upy se sídlem v Jihomoravském kraji, založené nejdříve před 5 lety</p>
<p>Minimální výše podpory na jeden projekt/akci/činnost: 100.000,- Kč</p>
<p>Maximální výše podpory na jeden projekt/akci/činnost: 800.000,- Kč</p>
<p>Minimální podíl spoluúčasti žadatele: 30 %</p>
</div>
<h3>Dokumenty ke stažení:</h3>
<ul class="docs">
<li><a href="/Documents/24418/Dotacni-program.pdf">Dotační program – pravidla.pdf</a></li>
<li><a href="/Documents/24418/Zadost.fo">Žádost o finanční podporu.fo</a></li>
<li><a href="/Documents/24418/Rozpocet.xlsx">Rozpočet projektu.xlsx</a></li>
</ul>
</div>
<div id="footer">© Jihomoravský kraj, Žerotínovo náměstí 449/3, 601 82 Brno</div>
</form>
</body>
</html>
